export declare const ELECTRON_HEADERS_URL: string;
export declare const NATIVE_FILE: string;
export declare function electronVersion(projectRoot: string): string;
export declare function nativeBindingPath(projectRoot: string, version: string): string;
export declare function isNativeBindingBuilt(file: string): boolean;
export declare function prebuildInstallArgs(options: {
  version: string;
  arch: string;
  platform: string;
}): string[];
export declare function nodeGypArgs(options: { version: string; arch: string; devDir: string }): string[];
export declare function isSourceFile(packageDir: string, file: string): boolean;
export declare function main(projectRoot?: string): void;
