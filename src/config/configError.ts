/** A configuration file that cannot be used (exit 2, naming the file and the line). */
export class ConfigError extends Error {}
