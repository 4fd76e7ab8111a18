/**
 * Files dropped on the window or picked with a file input, with the folder they came in (a
 * dropped folder becomes the case folder in the inbox). The browser gives no paths, only names
 * and contents.
 */
export interface PickedFile {
  file: File;
  /** The top-level folder it was dropped in, or undefined for a loose file. */
  folder?: string;
}

function hidden(name: string): boolean {
  return name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(
  entry: FileSystemEntry,
  folder: string | undefined,
  out: PickedFile[],
): Promise<void> {
  if (hidden(entry.name)) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ file, folder });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) {
      await walk(child, folder ?? entry.name, out);
    }
  }
}

export async function collectDropped(dt: DataTransfer): Promise<PickedFile[]> {
  const items = [...dt.items].filter((i) => i.kind === 'file');
  const entries = items.map((i) =>
    typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null,
  );
  if (entries.length > 0 && entries.every((e) => e !== null)) {
    const out: PickedFile[] = [];
    for (const e of entries) await walk(e!, undefined, out);
    return out;
  }
  return [...dt.files].filter((f) => !hidden(f.name)).map((file) => ({ file }));
}

export function collectPicked(list: FileList | null): PickedFile[] {
  return [...(list ?? [])]
    .filter((f) => !hidden(f.name))
    .map((file) => {
      const parts = (file.webkitRelativePath || '').split('/');
      return { file, folder: parts.length > 1 ? parts[0] : undefined };
    });
}

/** File → base64 (the contract carries contents, the browser has no paths). */
export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}

/** Batches that stay under the contract's 200 files and a comfortable request size. */
export function batches(
  files: readonly PickedFile[],
  maxBytes = 24 * 1024 * 1024,
  maxFiles = 200,
): PickedFile[][] {
  const out: PickedFile[][] = [];
  let current: PickedFile[] = [];
  let size = 0;
  for (const f of files) {
    if (current.length > 0 && (current.length >= maxFiles || size + f.file.size > maxBytes)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += f.file.size;
  }
  if (current.length) out.push(current);
  return out;
}
