export declare const RESTRICT_USERNS: string;
export declare const PROFILE_NAME: string;
export declare function userNamespacesRestricted(read?: (path: string) => string): boolean;
export declare function appArmorProfile(electronBinary: string): string;
export declare function main(projectRoot?: string): number;
