// Runs a command (kubectl) on a pseudo-terminal through Python's pty module, types lines into it
// as a user would, and returns what the terminal showed and the command's exit code.
import { ChildProcess, spawn } from 'node:child_process';

const collect = (child: ChildProcess): (() => string) => {
  let out = '';
  child.stdout?.on('data', (d) => (out += d.toString()));
  child.stderr?.on('data', (d) => (out += d.toString()));
  return () => out;
};

/** Runs kubectl under a pseudo-terminal (Python's pty), types lines into it, returns output and exit code. */
const ttyDriver = `
import os, pty, select, sys, time, json
argv, lines = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out = b''
def pump(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try: out += os.read(fd, 4096)
            except OSError: return
pump(2)
for line in lines:
    os.write(fd, line.encode() + b'\\r')
    pump(1.5)
_, status = os.waitpid(pid, 0)
pump(0.2)
print(json.dumps({'output': out.decode(errors='replace'), 'code': os.waitstatus_to_exitcode(status)}))
`;

/** Runs kubectl's argv on a terminal, typing `lines`; the terminal's output and kubectl's exit code. */
export const ttySession = (argv: string[], lines: string[]): Promise<{ output: string; code: number }> =>
  new Promise((done, fail) => {
    const child = spawn('python3', ['-c', ttyDriver, JSON.stringify(argv), JSON.stringify(lines)]);
    const output = collect(child);
    child.once('exit', () => {
      try {
        done(JSON.parse(output().trim().split('\n').pop() ?? ''));
      } catch {
        fail(new Error(output()));
      }
    });
  });
