package ec2

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

func TestPatternMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"web", "web", true},
		{"web", "web2", false},
		{"web-*", "web-prod", true},
		{"web-*", "web-", true},
		{"web-*", "web", false},
		{"*", "", true},
		{"?", "", false},
		{"?", "é", true},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*a*b*", "xxaxxbxx", true},
		{"*a*b*", "xxbxxaxx", false},
		{"**a", "a", true},
		{`web-\*`, "web-*", true},
		{`web-\*`, "web-prod", false},
		{`\?`, "?", true},
		{`a\\b`, `a\b`, true},
		{`trailing\`, `trailing\`, true},
		{"k8s.io/cluster/*", "k8s.io/cluster/a.example.com", true},
	} {
		if got := compilePattern(tc.pattern).match(tc.s); got != tc.want {
			t.Errorf("%q matches %q = %t, want %t", tc.pattern, tc.s, got, tc.want)
		}
	}
}

// globRegexp is a reference implementation of pattern: the same glob as
// a regular expression.
func globRegexp(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; {
		case c == '\\' && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case c == '*':
			b.WriteString(`.*`)
		case c == '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

type fuzzRecord struct {
	base
	Name string
	CIDR string
}

var fuzzSpec = filterSpec[*fuzzRecord]{
	"name": func(r *fuzzRecord) []string { return one(r.Name) },
	"cidr": func(r *fuzzRecord) []string { return one(r.CIDR) },
	// raw has a value even when empty.
	"raw": func(r *fuzzRecord) []string { return []string{r.Name} },
}

// FuzzFilter checks the filter evaluator: parsing any query, compiling it
// and matching never panics; a pattern matches exactly what the same glob
// as a regular expression matches; filters AND, values OR.
func FuzzFilter(f *testing.F) {
	for _, s := range []struct{ query, pattern, value string }{
		{"Filter.1.Name=name&Filter.1.Value.1=web-*", "web-*", "web-prod"},
		{"Filter.1.Name=tag:Name&Filter.1.Value.1=a?c&Filter.2.Name=cidr&Filter.2.Value.1=10.*", "a?c", "abc"},
		{"Filter.1.Name=tag-key&Filter.1.Value.1=%5C*", `\*`, "*"},
		{"Filter.1.Name=colour&Filter.1.Value.1=x", "**a*?", "ba"},
		{"Filter.1.Value.1=x", "", ""},
		{"Filter.1.Name=name", "é?", "éé"},
		{"Filter.99999999999.Name=name&Filter.0.Name=x", `\`, `\`},
	} {
		f.Add(s.query, s.pattern, s.value)
	}
	recs := []*fuzzRecord{
		{base: base{ID: "r1", Tags: []Tag{{"Name", "abc"}, {"env", "prod"}}}, Name: "web-prod", CIDR: "10.0.0.0/16"},
		{base: base{ID: "r2"}, Name: "db", CIDR: "172.16.0.0/12"},
	}
	f.Fuzz(func(t *testing.T, query, pat, value string) {
		vals, err := url.ParseQuery(query)
		if err == nil {
			match, err := filtersFor(awsapi.NewParams(vals), fuzzSpec, recordTags[*fuzzRecord])
			if err == nil && match != nil {
				for _, r := range recs {
					match(r)
				}
			}
		}
		got := compilePattern(pat).match(value)
		if !utf8.ValidString(pat) || !utf8.ValidString(value) {
			return
		}
		if want := globRegexp(pat).MatchString(value); got != want {
			t.Fatalf("%q matches %q: %t, the regexp says %t", pat, value, got, want)
		}
		// Two filters AND; two values of one filter OR.
		one := compilePatterns([]string{pat})
		both := compilePatterns([]string{pat, value})
		if !both.match(value) && value != "" && !strings.ContainsAny(value, `*?\`) {
			t.Fatalf("values %q OR did not match %q", []string{pat, value}, value)
		}
		and, _ := compileFilters([]filterReq{{"raw", []string{pat}}, {"cidr", []string{"*"}}}, fuzzSpec, nil)
		r := &fuzzRecord{Name: value, CIDR: "x"}
		if and(r) != one.match(value) {
			t.Fatalf("AND of %q and * differs from %q alone", pat, pat)
		}
	})
}
