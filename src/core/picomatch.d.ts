// picomatch ships no types (and @types/picomatch is not installed): the part of its API the CLI uses.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
  }
  function picomatch(glob: string | readonly string[], options?: PicomatchOptions): (input: string) => boolean;
  export = picomatch;
}
