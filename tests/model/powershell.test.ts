/**
 * The PowerShell reader and the simulation, without ESLint: which rules a script leaves, with
 * which priorities, and what it reports instead of guessing.
 */
import { describe, expect, it } from "vitest";
import { readPowerShellRuleSet } from "../../lib/model/index.ts";
import { parsePowerShell } from "../../lib/model/powershell/parse.ts";

function leaves(script: string) {
  return readPowerShellRuleSet(script)?.rules.map((rule) => `${rule.priority} ${rule.name}${rule.spec ? "" : " (not analysed)"}`);
}

function issues(script: string) {
  return readPowerShellRuleSet(script)?.issues.map((issue) => (issue.kind === "powershell" ? issue.code : issue.kind));
}

const NEW = (name: string, extra = "") => `New-ClientAccessRule -Name '${name}' -Action DenyAccess ${extra}`;

describe("the simulation", () => {
  it("New- with a taken priority pushes the holder and every rule after it down; without one, appends", () => {
    expect(leaves([NEW("A", "-Priority 1"), NEW("B", "-Priority 2"), NEW("C", "-Priority 1"), NEW("D")].join("\n"))).toEqual([
      "1 C",
      "2 A",
      "3 B",
      "4 D",
    ]);
    // Numbers, not places: a free number is kept as written, gaps included.
    expect(leaves([NEW("A", "-Priority 10"), NEW("B", "-Priority 0"), NEW("C", "-Priority 5")].join("\n"))).toEqual(["0 B", "5 C", "10 A"]);
    expect(leaves(NEW("A"))).toEqual(["1 A"]);
  });

  it("Set- -Priority takes the rule out (the rules after it move up) and inserts it with the push-down", () => {
    const script = [NEW("A", "-Priority 1"), NEW("B", "-Priority 2"), NEW("C", "-Priority 3"), NEW("D", "-Priority 4"), "Set-ClientAccessRule D -Priority 2"];
    expect(leaves(script.join("\n"))).toEqual(["1 A", "2 D", "3 B", "4 C"]);
    expect(leaves([...script.slice(0, 4), "Set-ClientAccessRule -Identity a -Priority 4"].join("\n"))).toEqual(["1 B", "2 C", "3 D", "4 A"]);
  });

  it("Remove- deletes, Set- -Name renames (not onto a name in use), and names match in any case", () => {
    const script = [NEW("A", "-Priority 1"), NEW("B", "-Priority 2"), "Remove-ClientAccessRule -Identity 'a' -Confirm:$false", "Set-ClientAccessRule B -Name 'B2'", NEW("C"), "Set-ClientAccessRule C -Name b2"];
    expect(leaves(script.join("\n"))).toEqual(["2 B2", "3 C"]);
    expect(issues(script.join("\n"))).toEqual(["name-taken"]);
  });

  it("binds arguments as PowerShell does: a quoted number to -Priority, a number to -Enabled (0 is $false)", () => {
    const model = readPowerShellRuleSet([NEW("A", "-Priority '2' -Enabled 0"), NEW("B", '-Priority "1" -Enabled 2'), NEW("C", "-Priority 3 -Enabled 'false'")].join("\n"));
    expect(model?.rules.map((rule) => [rule.name, rule.priority, rule.enabled, rule.issues.map((issue) => issue.kind)])).toEqual([
      ["B", 1, true, []],
      ["A", 2, false, []],
      // A string is refused (a Boolean parameter takes only Booleans and numbers).
      ["C", 3, true, ["invalid-enabled"]],
    ]);
  });

  it("composes @{Add=…; Remove=…} onto the list the rule has", () => {
    const model = readPowerShellRuleSet(
      [NEW("A", "-AnyOfProtocols POP3,IMAP4"), "Set-ClientAccessRule A -AnyOfProtocols @{Add='REST', 'ExchangeWebServices'; Remove='pop3'}"].join("\n"),
    );
    expect(model?.specs[0]?.protocols).toEqual(["IMAP4", "REST", "ExchangeWebServices"]);
  });

  it("a value that is not statically known leaves its rule out; DSC's own keys are never read", () => {
    expect(leaves([NEW("A", "-AnyOfProtocols $protocols"), NEW("B")].join("\n"))).toEqual(["1 A (not analysed)", "2 B"]);
    expect(leaves('$p = "POP3"\n' + NEW("A", "-AnyOfProtocols $p"))).toEqual(["1 A"]);
    expect(leaves('$p = "POP3"\n$p += ",IMAP4"\n' + NEW("A", "-AnyOfProtocols $p"))).toEqual(["1 A (not analysed)"]);
    expect(leaves(NEW("A", `-AnyOfProtocols "$env:PROTOCOL"`))).toEqual(["1 A (not analysed)"]);
    const dsc = "EXOClientAccessRule x { Identity = 'A'; Action = 'DenyAccess'; ApplicationId = $ConfigurationData.X; Credential = $Cred; DependsOn = '[X]y' }";
    expect(leaves(dsc)).toEqual(["undefined A"]); // no Priority in the block
    expect(issues(dsc)).toEqual([]);
  });

  it("uses a variable's literal only while nothing may have changed it", () => {
    // Rule A reads $p; rule B is splatted from $rule (unknown, it cannot even be named).
    const read = (...lines: string[]) => {
      const script = [...lines, NEW("A", "-AnyOfProtocols $p"), "New-ClientAccessRule @rule"].join("\n");
      return { leaves: leaves(script), issues: issues(script) };
    };
    const p = '$p = "POP3"';
    const rule = "$rule = @{ Name = 'B'; Action = 'DenyAccess'; AnyOfProtocols = 'POP3' }";
    const bothKnown = { leaves: ["1 A", "2 B"], issues: [] };
    const neitherKnown = { leaves: ["1 A (not analysed)"], issues: ["not-static", "not-static"] };
    // Nothing in between, and what does not change a variable: property reads, a function's own variables.
    const functionOfItsOwn = "function Show { $local = 1; $local += 2; $p = 'x'; Set-Variable rule 1; . .\\helpers.ps1; foreach ($p in 1) { } }";
    expect(read(p, rule, 'Write-Host "$($rule.Name): $($rule.Count) keys, $p"', functionOfItsOwn, "Show")).toEqual(bothKnown);
    // Paths elsewhere than the variable drive, and other drives' variables, change no variable.
    expect(read(p, rule, "Set-Item env:p 1; Remove-Item .\\p.txt; Set-Content -Path $log -Value $p; $env:rule = 'x'")).toEqual(bothKnown);
    const changesBoth = {
      "a multiple assignment": "$p, $rule = 'ExchangeWebServices', @{}",
      "a foreach loop's variable (it keeps the last item)": "foreach ($p in 'ExchangeWebServices') { } foreach ($rule in @{}) { }",
      "[ref]": "Get-Values ([ref]$p) -Table ([ref]$rule)",
      "Set-Variable and Remove-Variable": "Set-Variable -Name p -Value 'ExchangeWebServices'\nRemove-Variable rule",
      "a variable cmdlet naming a variable the reader cannot know": "Set-Variable -Name $name -Value 'x'",
      "dot-sourcing": ". .\\settings.ps1",
      "a dot-sourced script block": ". $block",
      "Invoke-Expression": "iex $command",
      "a function changing the script's variables, called later": "function Use-Ews { $script:p = 'ExchangeWebServices'; $rule.Add('x', 1) }",
      "a function's variable cmdlet with -Scope": "function Set-Both { Set-Variable -Name p, rule -Value 1 -Scope Script }",
      "the variable drive, by assignment": "$variable:p = $protocols; ${variable:rule} = Get-Rule",
      "the variable drive, by item and content cmdlets": "Set-Item variable:p 'ExchangeWebServices'\nRemove-Item -Path Variable:\\rule",
      "the variable drive with a wildcard": "Clear-Item variable:/*",
      "the variable drive, from a function": "function Reset { ni variable:p -Value 1 -Force; Set-Content -Path variable:rule -Value 1 }",
      "Get-Variable, which hands out the variables themselves": "(Get-Variable p).Value = 'ExchangeWebServices'; (gv rule).Value = @{}",
      "Get-Variable in a function, which finds the script's variables": "function Reset { (Get-Variable p).Value = 1; (gv rule).Value = @{} }",
      "the session state's variable table": "$ExecutionContext.SessionState.PSVariable.Set('p', 'ExchangeWebServices')",
    };
    for (const [label, change] of Object.entries(changesBoth)) expect([label, read(p, rule, change)]).toEqual([label, neitherKnown]);
    // A method call on the hashtable changes it, wherever the value is dropped.
    const ruleChanged = { leaves: ["1 A"], issues: ["not-static"] };
    expect(read(p, rule, "$null = $rule.Remove('AnyOfProtocols')")).toEqual(ruleChanged);
    expect(read(p, rule, "[void]$rule.Add('AnyOfAuthenticationTypes', 'BasicAuthentication')")).toEqual(ruleChanged);
    // In a loop or condition the change happens in place: a literal assigned afterwards is known again.
    expect(read("if ($x) { $p = 'ExchangeWebServices' }", p, rule)).toEqual(bothKnown);
    // In a function body it may happen at any time: a later literal does not make it known.
    expect(read("function Use-Ews { $script:p = 'ExchangeWebServices' }", p, rule)).toEqual({ leaves: ["1 A (not analysed)", "2 B"], issues: ["not-static"] });
  });

  it("reports and skips what it cannot apply", () => {
    expect(issues("Set-ClientAccessRule 'Nobody' -Enabled $false")).toEqual(["unknown-target"]);
    expect(issues("New-ClientAccessRule -Name A -Action DenyAccess -Bogus 1")).toEqual(["unknown-parameter"]);
    expect(issues("New-ClientAccessRule -Name A -Action DenyAccess -Except POP3")).toEqual(["ambiguous-parameter"]);
    expect(issues("New-ClientAccessRule -Name A -Action DenyAccess -AnyOfProtocols")).toEqual(["missing-argument"]);
    expect(issues("New-ClientAccessRule A B -Action DenyAccess")).toEqual(["extra-argument"]);
    // A backtick before a space escapes the space: the command ends with it as an argument.
    expect(issues("New-ClientAccessRule A -Action DenyAccess ` \n  -AnyOfProtocols POP3")).toEqual(["broken-continuation"]);
    expect(issues("New-ClientAccessRule A -Action DenyAccess `\t\r\n  -AnyOfProtocols POP3")).toEqual(["broken-continuation"]);
    expect(issues("New-ClientAccessRule A -Action DenyAccess `\n  -AnyOfProtocols POP3")).toEqual([]);
    expect(issues("if ($x) { New-ClientAccessRule A -Action DenyAccess }")).toEqual(["not-run-statically"]);
    expect(issues("function F { New-ClientAccessRule A -Action DenyAccess; Set-ClientAccessRule A -Enabled $false }")).toEqual(["function-body"]);
    expect(issues("$r | Remove-ClientAccessRule")).toEqual(["pipeline-input"]);
    expect(issues("New-ClientAccessRule A -Action DenyAccess -AnyOfProt POP3")).toEqual(["parameter-prefix"]);
    // try and finally run; -WhatIf and Get-/Test- change nothing.
    expect(leaves("try { New-ClientAccessRule A -Action DenyAccess } finally { New-ClientAccessRule B -Action DenyAccess -WhatIf }")).toEqual(["1 A"]);
  });

  it("runs a branch of `if` whose condition asks whether a rule exists, as idempotent scripts write it", () => {
    const missing = (name: string) => `if (-not (Get-ClientAccessRule -Identity '${name}' -ErrorAction SilentlyContinue)) {`;
    // Created where missing: on the organization the script starts from, it is.
    expect(leaves(`${missing("A")}\n  ${NEW("A", "-Priority 1")}\n}\n${missing("B")} ${NEW("B")} }`)).toEqual(["1 A", "2 B"]);
    expect(issues(`${missing("A")}\n  ${NEW("A", "-Priority 1")}\n}`)).toEqual([]);
    // Not run once the rule exists (no second creation to report), and the else branch runs.
    expect(leaves(`${NEW("A", "-AnyOfProtocols POP3")}\n${missing("a")} ${NEW("A", "-AnyOfProtocols IMAP4")} }`)).toEqual(["1 A"]);
    expect(issues(`${NEW("A")}\n${missing("A")} ${NEW("A")} }`)).toEqual([]);
    const upsert = (before: string) =>
      `${before}\nif (Get-ClientAccessRule 'A' -EA Ignore) {\n  Set-ClientAccessRule A -Enabled $false\n} else {\n  ${NEW("A", "-Priority 3")}\n}`;
    expect(readPowerShellRuleSet(upsert(""))?.rules.map((rule) => [rule.name, rule.priority, rule.enabled])).toEqual([["A", 3, true]]);
    expect(readPowerShellRuleSet(upsert(NEW("A", "-Priority 1")))?.rules.map((rule) => [rule.name, rule.priority, rule.enabled])).toEqual([["A", 1, false]]);
    // A branch's own assignments hold within it (a splat built there); the else branch starts from
    // the variables as they were; after the if, what either branch assigned is unknown.
    const splat = [
      "$p = 'POP3'",
      "if (-not (Get-ClientAccessRule 'A' -EA SilentlyContinue)) {",
      "  $rule = @{ Name = 'A'; Action = 'DenyAccess'; AnyOfProtocols = $p }",
      "  $p = 'IMAP4'",
      "  New-ClientAccessRule @rule -Priority 1",
      "} else {",
      "  New-ClientAccessRule -Name 'B' -Action DenyAccess -AnyOfProtocols $p",
      "}",
      "New-ClientAccessRule -Name 'C' -Action DenyAccess -AnyOfProtocols $p",
    ].join("\n");
    const protocols = (script: string) => readPowerShellRuleSet(script)?.rules.map((rule) => [rule.name, rule.spec ? (rule.spec.protocols ?? "any") : "not read"]);
    expect(protocols(splat)).toEqual([
      ["A", ["POP3"]],
      ["C", "not read"],
    ]);
    expect(issues(splat)).toEqual(["not-static"]);
    expect(protocols(`${NEW("A", "-Priority 1")}\n${splat}`)).toEqual([
      ["A", "any"],
      ["B", ["POP3"]],
      ["C", "not read"],
    ]);
    // A deployment wrapped in try { … } catch { … } runs its try as the script's own statements.
    expect(leaves(`try {\n  if (-not (Get-ClientAccessRule A -EA SilentlyContinue)) { ${NEW("A")} }\n} catch {\n  exit 1\n}\n${NEW("B")}`)).toEqual(["1 A", "2 B"]);
    // Every form of the test, with spaces or without.
    for (const condition of ["!(Get-ClientAccessRule A -ErrorAction:SilentlyContinue)", "$null -eq (Get-ClientAccessRule A -ea 'SilentlyContinue')", "(Get-ClientAccessRule -ErrorAction Ignore A)-eq$null"]) {
      expect([condition, leaves(`if (${condition}) { ${NEW("A")} }`)]).toEqual([condition, ["1 A"]]);
    }
    for (const condition of ["(Get-ClientAccessRule A -EA Ignore)", "$null -ne (Get-ClientAccessRule A -EA Ignore)"]) {
      expect([condition, leaves(`if (${condition}) { ${NEW("A")} }`)]).toEqual([condition, []]);
    }
  });

  it("stops at the script's top-level exit, return or untrapped throw: the commands after it never run", () => {
    for (const end of ["exit", "exit 1", "return;", "throw 'Rolled back'"]) {
      expect([end, leaves(`${NEW("A")}\n${end}\n# Rollback\nRemove-ClientAccessRule A\n${NEW("B")}`)]).toEqual([end, ["1 A"]]);
    }
    // A trap anywhere in the file may catch the throw and go on.
    expect(leaves(`trap { continue }\n${NEW("A")}\nthrow 'x'\n${NEW("B")}`)).toEqual(["1 A", "2 B"]);
    // In a branch, a loop, a try or a function, an exit is an error path the script is not read along.
    for (const script of [`if ($x) { exit 1 }\n${NEW("A")}`, `try { ${NEW("A")} } catch { throw }\n${NEW("B")}`, `function F { return }\n${NEW("A")}`]) {
      expect([script, leaves(script)?.length]).toEqual([script, script.includes("B") ? 2 : 1]);
    }
    // Words that are not the statement: an argument, a variable, a member.
    expect(leaves(`Write-Host exit\n$return = 1\n$x.exit\n${NEW("A")}`)).toEqual(["1 A"]);
  });

  it("keeps any other `if` conditional, and an existence test it cannot follow", () => {
    const conditional = ["not-run-statically"];
    // Errors not silenced (a missing rule writes one, or stops the script), a wildcard, a variable,
    // another condition, another cmdlet, a pipeline.
    for (const condition of [
      "-not (Get-ClientAccessRule A)",
      "-not (Get-ClientAccessRule 'A*' -EA SilentlyContinue)",
      "-not (Get-ClientAccessRule $name -EA SilentlyContinue)",
      "-not (Get-ClientAccessRule A -EA SilentlyContinue) -and $x",
      "-not (Get-Mailbox A -EA SilentlyContinue)",
      "-not (Get-ClientAccessRule -EA SilentlyContinue | Where-Object Name -eq A)",
    ]) {
      expect([condition, issues(`if (${condition}) { ${NEW("A")} }`)]).toEqual([condition, conditional]);
    }
    // Only the branch's own commands: one in a loop inside it stays in the loop.
    expect(issues(`if (-not (Get-ClientAccessRule A -EA SilentlyContinue)) { foreach ($p in 1, 2) { ${NEW("A")} } }`)).toEqual(conditional);
    // An elseif runs only when the conditions before it fail: conditional.
    expect(issues(`if (-not (Get-ClientAccessRule A -EA SilentlyContinue)) { ${NEW("A")} } elseif ($x) { ${NEW("B")} }`)).toEqual(conditional);
    // Whether the rule exists is not known after a command the reader could not follow.
    expect(issues(`if ($x) { ${NEW("A")} }\nif (-not (Get-ClientAccessRule A -EA SilentlyContinue)) { ${NEW("A")} }`)).toEqual([...conditional, ...conditional]);
    expect(issues(`function F { Remove-ClientAccessRule A }\n${NEW("A")}\nF\nif (-not (Get-ClientAccessRule A -EA SilentlyContinue)) { ${NEW("A")} }`)).toEqual([
      ...conditional,
      "function-body",
    ]);
    // Inside a function, a loop or another condition, the test is not followed either.
    expect(issues(`foreach ($i in 1) { if (-not (Get-ClientAccessRule A -EA SilentlyContinue)) { ${NEW("A")} } }`)).toEqual(conditional);
  });

  it("reads the cmdlets with a session's noun prefix (Connect-ExchangeOnline -Prefix EXO) as the cmdlets, and names them as written", () => {
    const prefixed = [
      "Connect-ExchangeOnline -Prefix EXO",
      "New-EXOClientAccessRule -Name 'A' -Action DenyAccess -AnyOfProtocols POP3 -Priority 1",
      "new-ContosoClientAccessRule -Name 'B' -Action AllowAccess -Priority 1",
      "Set-EXOClientAccessRule A -Enabled $false",
      "foreach ($x in 1) { Remove-EXOClientAccessRule B }",
    ].join("\n");
    expect(leaves(prefixed)).toEqual(["1 B (not analysed)", "2 A"]);
    expect(readPowerShellRuleSet(prefixed)?.specs.find((spec) => spec.name === "A")).toMatchObject({ enabled: false, protocols: ["POP3"] });
    const [loop] = readPowerShellRuleSet(prefixed)!.issues;
    expect(loop).toMatchObject({ kind: "powershell", code: "not-run-statically", data: { cmdlet: "Remove-EXOClientAccessRule" } });
    // The noun must end the name: a longer noun is another cmdlet.
    expect(readPowerShellRuleSet("New-ClientAccessRuleSet -Name 'A' -Action DenyAccess")).toBeUndefined();
  });

  it("is not a rule file without New-, Set- or Remove- cmdlets or EXOClientAccessRule blocks", () => {
    expect(readPowerShellRuleSet("Get-ClientAccessRule | Format-List\n# New-ClientAccessRule in a comment\n'New-ClientAccessRule in a string'")).toBeUndefined();
    expect(readPowerShellRuleSet("$text = @'\nNew-ClientAccessRule -Name x -Action DenyAccess\n'@")).toBeUndefined();
  });
});

describe("the reader", () => {
  it("tells what PowerShell refuses to parse: a string, here-string, comment, bracket or type literal never closed, a stray closer, a repeated hash key", () => {
    const errors = (text: string) => parsePowerShell(text).syntaxErrors.map((error) => [error.kind, error.offset]);
    expect(errors("Write-Host 'a\nNew-ClientAccessRule x")).toEqual([["unclosed-string", 11]]);
    expect(errors('$x = "a $(Get-Date -Format \'yyyy\') b\n')).toEqual([["unclosed-string", 5]]);
    expect(errors("$t = @'\nbody\n '@\n")).toEqual([["unclosed-here-string", 5]]);
    expect(errors("New-ClientAccessRule x <# note")).toEqual([["unclosed-comment", 23]]);
    // A hash literal that repeats a string key, in any case and quoting (not a number or an expression).
    expect(errors("$r = @{ Name = 'a'; Action = 'DenyAccess'\n  'name' = 'b' }")).toEqual([["duplicate-key", 44]]);
    expect(errors("Set-ClientAccessRule x -AnyOfProtocols @{ Add = 'REST'; ADD = 'POP3' }")).toEqual([["duplicate-key", 56]]);
    expect(errors("$r = @{ 1 = 'a'; '1' = 'b'; $k = 1; $k = 2; Name = @{ Name = 1 } }")).toEqual([]);
    // A key that starts with a digit counts when quoted, typographic quotes included.
    expect(errors("$r = @{ \u20181\u2019 = 'a'; \"1\" = 'b' }")).toEqual([["duplicate-key", 19]]);
    expect(errors("EXOClientAccessRule r { Identity = 'a'; Identity = 'b' }")).toEqual([]);
    // A bracket never closed (reported where it opens, as written), and one that closes nothing.
    expect(errors("if ($x) {\n  New-ClientAccessRule x")).toEqual([["unclosed-bracket", 8]]);
    expect(errors("$r = @{ Name = 'a'\nNew-ClientAccessRule @r")).toEqual([["unclosed-bracket", 5]]);
    expect(errors("New-ClientAccessRule -Name $(Get-Name")).toEqual([["unclosed-bracket", 27]]);
    expect(errors("New-ClientAccessRule x }\n)")).toEqual([["stray-closer", 23], ["stray-closer", 25]]);
    // A type literal, cast or index never closed: where `[` can be nothing else. Its skip took
    // every closer after it, so the brackets around it are not blamed.
    expect(errors("[string$x = 'a'\nNew-ClientAccessRule x")).toEqual([["unclosed-bracket", 0]]);
    expect(errors("$a = [int 3")).toEqual([["unclosed-bracket", 5]]);
    expect(errors("$x = $y[0\nNew-ClientAccessRule x")).toEqual([["unclosed-bracket", 7]]);
    expect(errors("try { } catch [System.Exception {\n}")).toEqual([["unclosed-bracket", 14]]);
    expect(errors("if ($x) { [string$y }")).toEqual([["unclosed-bracket", 10]]);
    expect(parsePowerShell("$x = @{ a = [int }").syntaxErrors).toEqual([{ kind: "unclosed-bracket", offset: 12, bracket: "[" }]);
    // What PowerShell parses: quotes in comments and other strings, doubled and escaped quotes, a
    // string spanning lines, a bare word with a quoted part, a closed here-string, \u2019 in a comment.
    for (const text of [
      "# don't\nNew-ClientAccessRule -Name \"O'Brien\" -Action 'Deny''s' -Priority 1",
      'Write-Host "a `"b`" $(\'c\')" \'multi\nline\' O\'Brien\'',
      "$t = @'\nit's\n'@\n<# it's #> Write-Host \u201cdon\u2019t\u201d # it\u2019s",
      // Brackets escaped, quoted, commented, in here-strings, after --%, and every kind of block.
      "Write-Host `( `{ `) # { (\n<# ) } #>",
      "switch -Regex ($x) { '^a(b)' { 1 } default { 2 } }",
      '$t = @"\n)\n}\n"@\nWrite-Host ("a" + ")") "$($a.b(\')\'))"',
      "function f { param([Parameter(Mandatory)][string[]]$a) process { $a | % { $_ } } }",
      "Remove-Item log[1].txt; icacls x --% /grant Users:(OI",
      "$h = @{ 'a b' = @(1,2); \"c\" = @{ d = $(1) } }; & { $args[0] } 1",
      "if ($a -and ($b -or $c)) { } elseif ($d) { } else { }; do { $i++ } while ($i -lt 3)",
      "try { throw } catch [System.Exception] { } finally { }; class C { [int] M() { return 1 } }",
      // In a command's arguments `[` starts a bare word, closed or not.
      "Get-ChildItem [a-c]*\nWrite-Host [abc\nNew-ClientAccessRule x",
    ]) {
      expect([text, errors(text)]).toEqual([text, []]);
    }
  });

  it("reads the same text once for the language and the model", () => {
    const text = "New-ClientAccessRule -Name x -Action DenyAccess\n";
    expect(parsePowerShell(text)).toBe(parsePowerShell(text));
  });

  it("reads command-mode lists, quoting, escapes, continuations and comments with exact spans", () => {
    const text = "New-ClientAccessRule -Name \"a `\"b`\"\" -Action 'Deny''s' <# c #> -AnyOfProtocols POP3, `\n  IMAP4 # done";
    const [command] = parsePowerShell(text).commands;
    const values = command!.elements.flatMap((element) => (element.kind === "argument" ? [element.value] : []));
    expect(values.map((value) => (value.kind === "array" ? value.items.map((item) => text.slice(item.span.start, item.span.end)) : text.slice(value.span.start, value.span.end)))).toEqual([
      '"a `"b`""',
      "'Deny''s'",
      ["POP3", "IMAP4"],
    ]);
    expect(values.map((value) => (value.kind === "string" ? value.value : value.kind))).toEqual(['a "b"', "Deny's", "array"]);
  });
});
