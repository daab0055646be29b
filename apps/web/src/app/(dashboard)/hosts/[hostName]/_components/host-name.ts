/** Links encode the name; a name with a stray `%` is taken as it is. */
export function hostNameOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
