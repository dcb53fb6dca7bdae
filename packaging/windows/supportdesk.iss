; Inno Setup script for SupportDesk (per-user install, no administrator needed).
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\supportdesk /DOutputDir=..\..\dist packaging\windows\supportdesk.iss
; The user's data (in %APPDATA%\SupportDesk) stays when SupportDesk is removed,
; unless they choose to delete it when the uninstaller asks.
; SupportDesk.exe is a windowed program, so commands typed in a terminal print nothing
; through it; supportdesk-cli.exe beside it is the same program as a console one. The
; "addtopath" task puts the install folder on the person's own PATH (and the uninstaller
; takes it off again), so `supportdesk-cli list` works in any terminal.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\supportdesk"
#endif
#ifndef IconFile
  #define IconFile "supportdesk.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6B0E8B52-3F0A-4C8E-9C51-5D2B7E1A9F44}
AppName=SupportDesk
AppVersion={#AppVersion}
AppVerName=SupportDesk {#AppVersion}
AppPublisher=SupportDesk
VersionInfoVersion={#AppVersion}
VersionInfoDescription=SupportDesk installer
DefaultDirName={localappdata}\Programs\SupportDesk
DefaultGroupName=SupportDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=SupportDesk-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\SupportDesk.exe
UninstallDisplayName=SupportDesk
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "startatlogin"; Description: "Start SupportDesk when I sign in, so check-in reminders arrive"; GroupDescription: "Reminders:"; Flags: unchecked
Name: "addtopath"; Description: "Let me type supportdesk-cli in a terminal (adds SupportDesk to my PATH)"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\SupportDesk"; Filename: "{app}\SupportDesk.exe"
Name: "{userdesktop}\SupportDesk"; Filename: "{app}\SupportDesk.exe"; Tasks: desktopicon

[Registry]
; The same Run entry the app's own "start at login" setting writes, so either can undo it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "SupportDesk"; ValueData: """{app}\SupportDesk.exe"" --minimized"; Tasks: startatlogin; Flags: uninsdeletevalue
; The folder is added to the user's PATH once; the uninstaller removes just that entry.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\SupportDesk.exe"; Description: "{cm:LaunchProgram,SupportDesk}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{cmd}"; Parameters: "/C taskkill /IM SupportDesk.exe /F"; Flags: runhidden; RunOnceId: "StopSupportDesk"

[Code]
var
  RemoveData: Boolean;

{ Where Dir is in the user's PATH (1-based, in PATH itself), or 0 when it is not there. }
function PathPosition(Dir: string; var Path: string): Integer;
begin
  Result := 0;
  if RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';');
end;

function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  Result := PathPosition(Dir, Path) = 0;
end;

procedure RemoveFromPath(Dir: string);
var
  Path: string;
  P: Integer;
begin
  P := PathPosition(Dir, Path);
  if P = 0 then
    exit;
  if P > 1 then
    Delete(Path, P - 1, Length(Dir) + 1)  { the ";" before it, and it }
  else
    Delete(Path, P, Length(Dir) + 1);     { it, and the ";" after it }
  RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
end;

function InitializeUninstall(): Boolean;
begin
  RemoveData := False;
  if not UninstallSilent() then
    RemoveData := MsgBox('Also delete your SupportDesk data (your people, check-ins and safety plan)?' + #13#10 + #13#10 +
      'Choose No to keep it, so it is all still there if you install SupportDesk again. ' +
      'Your data stays encrypted either way.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
  if (CurUninstallStep = usPostUninstall) and RemoveData then
    DelTree(ExpandConstant('{userappdata}\SupportDesk'), True, True, True);
end;
