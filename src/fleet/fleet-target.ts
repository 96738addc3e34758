/** One database the schema is kept on, with its URL read from the environment. */
export interface FleetTarget {
  name: string;
  url: string;
  environment: string;
  wave: number;
  promotedFrom?: string;
}
