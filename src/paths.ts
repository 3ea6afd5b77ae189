import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, found upward from this file so it is the same from src/ (tsx) and dist/src/ (built). */
export const PROJECT_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "prisma", "schema.prisma"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("kurs: cannot find the project root (prisma/schema.prisma)");
    dir = parent;
  }
  return dir;
})();

export const MIGRATIONS_DIR = join(PROJECT_ROOT, "prisma", "migrations");
