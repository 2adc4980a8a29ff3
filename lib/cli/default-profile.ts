/** The profile every command and app uses when none is named (config/hyogo.yaml). */
export const DEFAULT_PROFILE = 'hyogo';
