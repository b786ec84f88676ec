/**
 * Where a redirect may send the reader back to: a path of this site only. `//evil.example` and
 * `/\evil.example` are read by browsers as other hosts, so they fall back to the home page.
 */
export function localPath(candidate: string | undefined, fallback = '/'): string {
  if (!candidate?.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\'))
    return fallback;
  return candidate;
}
