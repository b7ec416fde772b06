; Inno Setup script: the Windows installer of gkdesk (政府信息公开年报统计表).
;
; Needs Inno Setup 6.3 or later (ArchitecturesAllowed=x64compatible; UTF-8 script). Build the
; folder first, from the repository root:
;     pyinstaller packaging\gkdesk.spec --noconfirm      -> dist\gkdesk\gkdesk.exe, gkdesk-cli.exe
;     ISCC packaging\gkdesk.iss                          -> dist\gkdesk-<version>-setup.exe
; Other folders:  ISCC /DDistDir=C:\path\to\dist\gkdesk /DOutputDir=C:\out packaging\gkdesk.iss
;
; The installer is per-user and asks for no administrator rights: it goes to
; %LOCALAPPDATA%\Programs\gkdesk, the shortcut to the user's Start menu and the .gkd association
; to HKCU. An IT department deploying for all users of a machine runs it with /ALLUSERS (as
; administrator); /CURRENTUSER /VERYSILENT is the quiet per-user install.
;
; This file is UTF-8 with a byte order mark, which every Inno Setup 6 reads as UTF-8.

#define AppName "政府信息公开年报统计表"
#define AppExeName "gkdesk.exe"
#define ProgId "gkdesk.draft"

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\dist\gkdesk"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\dist"
#endif
#if !FileExists(AddBackslash(DistDir) + AppExeName)
  #error 找不到 dist\gkdesk\gkdesk.exe：请先在仓库根目录运行 pyinstaller packaging\gkdesk.spec --noconfirm
#endif
; The version comes from the exe's version resource, which gkdesk.spec writes from
; gkdesk.__version__; /DAppVersion=... overrides it.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(DistDir) + AppExeName, "ProductVersion")
#endif

[Setup]
; AppId identifies the product across versions (upgrades, uninstall): never change it.
AppId={{291C8970-7902-46D5-8B85-688A7D448E6A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=gkdesk
DefaultDirName={autopf}\gkdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 1809 and later.
MinVersion=10.0.17763
ChangesAssociations=yes
CloseApplications=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
OutputDir={#OutputDir}
OutputBaseFilename=gkdesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#if FileExists(AddBackslash(SourcePath) + "..\resources\icons\gkdesk.ico")
SetupIconFile=..\resources\icons\gkdesk.ico
#endif

[Languages]
; Simplified Chinese is not among the languages Inno Setup installs: ChineseSimplified.isl is an
; unofficial translation (Inno Setup's "istrans" page). Copy it into Inno Setup's Languages folder
; or next to this script. Without it the installer falls back to English (Default.isl); the
; program's own names and our task texts below stay Chinese either way.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#else
  #pragma message "ChineseSimplified.isl not found: this installer's wizard will be in English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; Flags: unchecked

[InstallDelete]
; A folder build's file list changes between versions; clear the old one so no stale library
; from the previous version is loaded by the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "填报、校验、导出政府信息公开工作年度报告统计表"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; .gkd drafts open in the window: the extension's default, plus "Open with" for when the user
; has picked another program before. Everything is removed again on uninstall.
Root: HKA; Subkey: "Software\Classes\.gkd"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.gkd\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "政府信息公开年报统计表草稿"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".gkd"; ValueData: ""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "立即打开{#AppName}"; Flags: nowait postinstall skipifsilent

; The uninstaller (unins000.exe, listed in Settings > Apps) removes {app} and the keys above. It
; leaves the clerk's own files alone: drafts, and the per-user data folder with recovery copies
; and the log (%LOCALAPPDATA%\gkdesk).
