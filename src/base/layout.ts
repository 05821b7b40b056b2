/** The one definition of a project's folder and file names (Sensei's, plus connectors/). */
export const PROJECT_FOLDERS = {
  profiles: 'profiles',
  rules: 'rules',
  types: 'types',
  personalities: 'personalities',
  connectors: 'connectors',
} as const;

export const RUN_FILE_NAMES = ['run.yml', 'run.yaml'] as const;

/** The empty marker file Sensei's init_project puts in each folder. */
export const PLACEHOLDER_FILE = 'PlaceDataHere.txt';

/** simsim's own state inside a project (schemas for editors, caches). */
export const SIMSIM_DIR = '.simsim';
