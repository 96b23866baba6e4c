; Inno Setup 6 script (UTF-8 with BOM, which Inno Setup before 6.3 needs for the Chinese): the PetitionDesk installer for an office PC (issue 16).
;
; Build (on Windows, after packaging\petitiondesk-win.spec has made dist\PetitionDesk\):
;   iscc /DAppVersion=0.1.0 packaging\windows\petitiondesk.iss
;   -> dist\installer\PetitionDesk-0.1.0-setup.exe
; The windows-bundle workflow (.github/workflows/windows-bundle.yml) does both steps.
;
; * Per-user install, no administrator rights: PrivilegesRequired=lowest, so the "auto"
;   constants are the per-user ones: {autopf} = {userpf} (%LOCALAPPDATA%\Programs),
;   {autoprograms} = the user's start menu, {autodesktop} = the user's desktop.
; * Start-menu and (optional, ticked) desktop shortcuts named in Chinese.
; * The data (database, attachments, backups) lives in %LOCALAPPDATA%\PetitionDesk
;   (platformdirs, petitiondesk/paths.py), outside {app}. The uninstaller removes only
;   what it installed, so that folder, and the office's records, stay on uninstall.
; * Upgrading: run the new setup over the old one (same AppId); the database is migrated
;   when the new version first opens it. Take a backup first (文件 → 备份数据库).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "PetitionDesk"
#define AppTitle "信访桌面"
#define AppExe "PetitionDesk.exe"
#define Dist "..\..\dist\PetitionDesk"

[Setup]
; Never change AppId: it ties upgrades and the uninstaller to the installed program.
AppId={{6F1C2B7E-4D0A-4C2E-9B1F-3A5D8E7C9F21}
AppName={#AppName} {#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppTitle} {#AppVersion}
AppPublisher=PetitionDesk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppTitle}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppTitle} {#AppName} {#AppVersion}
; A running copy holds its files open: ask to close it before replacing them.
CloseApplications=yes
RestartApplications=no

[Languages]
; Inno Setup 6.5+ ships Chinese (Simplified) officially; older releases keep it under
; Languages\Unofficial, which the workflow copies beside this script when needed.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "ChineseSimplified.isl"
#endif

[CustomMessages]
chs.DesktopIcon=在桌面创建“信访桌面”快捷方式
chs.ShortcutsGroup=快捷方式：
chs.StartNow=现在启动信访桌面
chs.DataKept=程序已卸载。信访数据（数据库、附件和自动备份）仍保存在：%n%1%n%n如不再需要，请先备份，再手动删除该文件夹。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ShortcutsGroup}"

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "信访办：排班、登记、交办督办、办结归档"
Name: "{autoprograms}\卸载信访桌面"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for the data folder, on purpose: it is never deleted.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#AppName}');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
