import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when another runtime already uses the data folder. */
export class DataFolderInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được một tiến trình khác dùng (pid ${pid}). The data folder is in use by process ${pid}: stop it first, or choose another DATA_DIR.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process: two runtimes on one folder would
 * corrupt the table and the workflow journals. A lock left by a killed
 * process is taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'runtime.lock');
  try {
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
      throw new DataFolderInUseError(dataDir, holder);
  } catch (error) {
    if (error instanceof DataFolderInUseError) throw error;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
