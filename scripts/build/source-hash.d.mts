export function sourceHash(root: string): string;
export const BUILD_INFO: string;
