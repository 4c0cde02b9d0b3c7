export declare const ELECTRON_HEADERS_URL: string;
export declare const NATIVE_FILE: string;
export declare function electronVersion(projectRoot: string): string;
export interface NativeBindingKey {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export declare function betterSqlite3Version(projectRoot: string): string;
export declare function nativeBindingPath(projectRoot: string, key: NativeBindingKey): string;
export declare function checkNativeBindingForPackaging(
  projectRoot: string,
  target: { platform: string; arch: string; electron: string },
): string;
export declare function beforePack(context: {
  arch: number | string;
  electronPlatformName: string;
  packager?: { config?: { electronVersion?: string | null } };
}): Promise<void>;
export default beforePack;
export declare function isNativeBindingBuilt(file: string): boolean;
export declare function prebuildInstallArgs(options: {
  version: string;
  arch: string;
  platform: string;
}): string[];
export declare function nodeGypArgs(options: { version: string; arch: string; devDir: string }): string[];
export declare function isSourceFile(packageDir: string, file: string): boolean;
export declare function main(projectRoot?: string): void;
