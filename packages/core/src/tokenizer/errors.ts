/** A tokenizer folder or one of its files could not be read. */
export class TokenizerLoadError extends Error {
  readonly code = "TOKENIZER_LOAD";

  constructor(
    readonly dir: string,
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot load the tokenizer in ${dir}: ${file}: ${problem}`, options);
    this.name = new.target.name;
  }
}

/** A pure-JS tokenizer uses a pipeline step whose effect on offsets the alignment does not reproduce. */
export class UnsupportedTokenizerError extends Error {
  readonly code = "TOKENIZER_UNSUPPORTED";

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The tokens a pure-JS tokenizer produced do not spell the text they came from. */
export class TokenAlignmentError extends Error {
  readonly code = "TOKEN_ALIGNMENT";

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
