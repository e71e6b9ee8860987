/** Generated Markdown blocks by name: the body placed between `<!-- generated: NAME -->` and `<!-- /generated -->`. */
export type ReferenceBlocks = Readonly<Record<string, string>>;
