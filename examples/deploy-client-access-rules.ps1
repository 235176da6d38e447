<#
.SYNOPSIS
    Deploys Contoso's Client Access Rules to Exchange Online.
.DESCRIPTION
    Run in a session opened with Connect-ExchangeOnline. The rules are created in this order;
    each -Priority that is already taken moves the rule holding it, and every rule after it, down.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$officeRanges = '192.0.2.0/24', '198.51.100.0/24'

Write-Host @"
Deploying Client Access Rules for contoso.com
Existing rules are listed first; compare them with the output at the end.
"@
Get-ClientAccessRule | Format-Table Name, Priority, Enabled, Action

# 1. The safety rule Microsoft recommends before any rule that could block administrators.
$safetyRule = @{
    Name           = 'Always Allow Remote PowerShell'
    Action         = 'AllowAccess'
    AnyOfProtocols = 'RemotePowerShell'
    Priority       = 1
}
New-ClientAccessRule @safetyRule -Confirm:$false

# 2. Outlook for iOS and Android sync over REST from Microsoft's addresses, never the phone's.
New-ClientAccessRule -Name 'Allow Outlook mobile' -Action AllowAccess -AnyOfProtocols REST `
    -Priority 2 -Confirm:$false

# 3. Legacy protocols that send passwords in the clear stay closed for everyone.
New-ClientAccessRule -Name 'Block legacy protocols' -Action DenyAccess `
    -AnyOfProtocols POP3, IMAP4 `
    -Priority 3 -Confirm:$false

# 4. Everything else only from the offices. Added last, but it must be evaluated first
#    so that the office check happens before anything is allowed.
New-ClientAccessRule -Name 'Office networks only' -Action DenyAccess `
    -ExceptAnyOfClientIPAddressesOrRanges $officeRanges `
    -Priority 1 -Confirm:$false

# Disable the legacy block during the pilot.
Set-ClientAccessRule -Identity 'Block legacy protocols' -Enabled $false

Get-ClientAccessRule | Format-Table Name, Priority, Enabled, Action
