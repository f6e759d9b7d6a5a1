/** The flags the identity commands share. */
export interface IdentityFlags {
  json?: boolean;
  yes?: boolean;
  token?: string;
}
