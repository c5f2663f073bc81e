// The YAML decoding thread of request-body.ts's pool: each job is a body, each answer decodeYaml's result.
import { serveJobs } from './worker-pool';
import { decodeYaml } from './yaml-decode';

serveJobs(decodeYaml);
