/** How far an import or a migration is: `done` of `total` commands of the phase have run. */
export interface Progress {
  readonly phase: 'import' | 'migrate';
  readonly done: number;
  readonly total: number;
}
