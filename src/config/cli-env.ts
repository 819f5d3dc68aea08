/** The database URL for command-line tools that cannot await the embedded default. */
export function cliDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set for this command');
  return url;
}
