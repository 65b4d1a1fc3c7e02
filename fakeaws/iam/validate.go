package iam

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// Patterns of the IAM service model, as AWS quotes them in messages.
const (
	patName        = `[\w+=,.@-]+`
	patPath        = `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`
	patPathPrefix  = `\u002F[\u0021-\u007F]*`
	patPolicyPath  = `((/[A-Za-z0-9\.,\+@=_-]+)*)/`
	patDescription = `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`
	patTag         = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`
)

var (
	reName        = regexp.MustCompile(`^` + patName + `$`)
	rePath        = regexp.MustCompile(`^(/|/[\x21-\x7e]+/)$`)
	rePathPrefix  = regexp.MustCompile(`^/[\x21-\x7f]*$`)
	rePolicyPath  = regexp.MustCompile(`^((/[A-Za-z0-9.,+@=_-]+)*)/$`)
	reDescription = regexp.MustCompile(`^[\t\n\r\x20-\x7e\x{a1}-\x{ff}]*$`)
	reTag         = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
)

// validator collects the constraint violations of one request and reports
// them together, as AWS does: "2 validation errors detected: A; B".
type validator struct {
	p    awsapi.Params
	msgs []string
}

func newValidator(p awsapi.Params) *validator { return &validator{p: p} }

func (v *validator) fail(format string, args ...any) {
	v.msgs = append(v.msgs, fmt.Sprintf(format, args...))
}

func (v *validator) err() error {
	switch len(v.msgs) {
	case 0:
		return nil
	case 1:
		return awsapi.ValidationError("1 validation error detected: %s", v.msgs[0])
	}
	return awsapi.ValidationError("%d validation errors detected: %s", len(v.msgs), strings.Join(v.msgs, "; "))
}

// field is the member name AWS puts in messages: RoleName → roleName.
func field(param string) string {
	if param == "" {
		return param
	}
	return strings.ToLower(param[:1]) + param[1:]
}

// str checks an optional string parameter's length and pattern (re may be
// nil) and returns it.
func (v *validator) str(param string, minLen, maxLen int, re *regexp.Regexp, pattern string) string {
	if !v.p.Has(param) {
		return ""
	}
	s := v.p.Get(param)
	v.check(field(param), s, minLen, maxLen, re, pattern)
	return s
}

// check validates one value at the given member path.
func (v *validator) check(at, s string, minLen, maxLen int, re *regexp.Regexp, pattern string) {
	n := len([]rune(s))
	switch {
	case n < minLen:
		v.fail("Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", s, at, minLen)
	case n > maxLen:
		v.fail("Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", s, at, maxLen)
	case re != nil && !re.MatchString(s):
		v.fail("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", s, at, pattern)
	}
}

// required is str for a parameter that must be sent.
func (v *validator) required(param string, minLen, maxLen int, re *regexp.Regexp, pattern string) string {
	if !v.p.Has(param) {
		v.fail("Value null at '%s' failed to satisfy constraint: Member must not be null", field(param))
		return ""
	}
	return v.str(param, minLen, maxLen, re, pattern)
}

// name reads a required entity name (role, profile, policy).
func (v *validator) name(param string, maxLen int) string {
	return v.required(param, 1, maxLen, reName, patName)
}

// path reads an optional entity path; "/" when absent.
func (v *validator) path(param string) string {
	if !v.p.Has(param) {
		return "/"
	}
	return v.str(param, 1, 512, rePath, patPath)
}

// document reads a required policy document. Its JSON is checked later by
// checkPolicy, after the other constraints.
func (v *validator) document(param string) string {
	return v.required(param, 1, 131072, nil, "")
}

// intRange reads an optional integer parameter within [lo, hi].
func (v *validator) intRange(param string, lo, hi, def int) int {
	s := v.p.Get(param)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	at := field(param)
	switch {
	case err != nil:
		v.fail("Value '%s' at '%s' failed to satisfy constraint: Member must be a number", s, at)
		return def
	case n < lo:
		v.fail("Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", n, at, lo)
	case n > hi:
		v.fail("Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", n, at, hi)
	}
	return n
}

// hasList reports whether a list parameter was sent, even empty ("Tags=").
func hasList(p awsapi.Params, param string) bool {
	if p.Has(param) {
		return true
	}
	for k := range p.Values() {
		if strings.HasPrefix(k, param+".member.") {
			return true
		}
	}
	return false
}

// listLen counts the elements of a flattened list (prefix.N or
// prefix.N.Field) in one pass over the parameters.
func listLen(p awsapi.Params, prefix string) int {
	seen := map[int]bool{}
	for k := range p.Values() {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil && i >= 1 {
			seen[i] = true
		}
	}
	return len(seen)
}

// checkPolicy checks that a policy document is a JSON policy: an object
// with a Statement of one or more statement objects and, if it has one, a
// known Version.
func checkPolicy(doc string) error {
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return malformedPolicy(msgInvalidJSON)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return malformedPolicy(msgPolicySyntax)
	}
	if ver, ok := obj["Version"]; ok && ver != "2012-10-17" && ver != "2008-10-17" {
		return malformedPolicy(msgPolicyVersion)
	}
	switch st := obj["Statement"].(type) {
	case map[string]any:
		return nil
	case []any:
		if len(st) == 0 {
			return malformedPolicy(msgPolicySyntax)
		}
		for _, s := range st {
			if _, ok := s.(map[string]any); !ok {
				return malformedPolicy(msgPolicySyntax)
			}
		}
		return nil
	}
	return malformedPolicy(msgPolicySyntax)
}

// policySize is the size AWS counts against policy quotas: the document
// without its whitespace.
func policySize(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
