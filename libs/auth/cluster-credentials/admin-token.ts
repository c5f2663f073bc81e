// The admin's static bearer token in <dataDir>/admin.token: random on first start, then reused.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_MODE, readIfExists, writeFileAtomic } from '@kubenest/pki';

export const adminTokenPath = (dataDir: string): string => join(dataDir, 'admin.token');

export async function ensureAdminToken(dataDir: string): Promise<string> {
  const path = adminTokenPath(dataDir);
  const existing = (await readIfExists(path))?.trim();
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  await writeFileAtomic(path, `${token}\n`, PRIVATE_MODE);
  return token;
}
