//! Messages between the specmark language server and its clients beyond standard LSP. Other
//! editors need none of them; the VS Code extension uses them for the status bar, the score
//! report and the rule documentation pages.

/** Server → client after each lint: the document's score (linted false: nothing to show). */
export const STATUS_NOTIFICATION = "specmark/status";
export interface StatusParams {
  uri: string;
  version: number;
  linted: boolean;
  score?: number;
  grade?: string;
  kind?: string;
  /** The profile (document family) and why the document got it. */
  profile?: string;
  profileReason?: string;
  findings?: number;
}

/** Client → server: the score report of a document as Markdown (null when not linted). */
export const REPORT_REQUEST = "specmark/report";
export interface ReportParams {
  uri: string;
}

/** Client → server: a rule's documentation as Markdown (null for an unknown rule). */
export const RULE_DOC_REQUEST = "specmark/ruleDoc";
export interface RuleDocParams {
  name: string;
}

/** Client → server: versions and counters, for diagnostics and tests. */
export const SERVER_INFO_REQUEST = "specmark/serverInfo";
export interface ServerInfo {
  version: string;
  wasmInstances: number;
  rules: number;
}

/** `workspace/executeCommand`: apply every safe fix to the document `arguments[0]` (a URI). */
export const APPLY_FIX_ALL_COMMAND = "specmark.applyFixAll";

/** The code action kind of "fix all" (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = "source.fixAll.specmark";

/** The default `codeDescription` link of a rule: `specmark-rule:NAME`. */
export const RULE_DOC_SCHEME = "specmark-rule";
export const DEFAULT_RULE_DOCS_URL = `${RULE_DOC_SCHEME}:{name}`;
