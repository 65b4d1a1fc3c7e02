package ec2

import (
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// A Describe call's filters: Filter.N.Name and Filter.N.Value.M. A
// resource matches when, for every filter, one of the values it has for
// the filter's name matches one of the filter's values; values may use the
// wildcards * and ? (escaped with a backslash).

// filterReq is one filter as sent.
type filterReq struct {
	name   string
	values []string
}

// maxFilterValues is EC2's limit of values in one filter.
const maxFilterValues = 200

// parseFilters reads the Filter.N parameters.
func parseFilters(p awsapi.Params) ([]filterReq, error) {
	var out []filterReq
	for _, f := range p.Structs("Filter") {
		name := f.Get("Name")
		if name == "" {
			return nil, invalidParameterValue("The filter 'null' is invalid")
		}
		vals := f.List("Value")
		if len(vals) == 0 {
			return nil, invalidParameterValue("The filter '%s' requires at least one value", name)
		}
		if len(vals) > maxFilterValues {
			return nil, awsapi.BadRequest("FilterLimitExceeded", "The maximum number of filter values specified on a single call is %d", maxFilterValues)
		}
		out = append(out, filterReq{name: name, values: vals})
	}
	return out, nil
}

// filterSpec maps each filter name a kind of resource knows to the values
// a resource has for it.
type filterSpec[E any] map[string]func(E) []string

// compileFilters turns filters into a predicate over E (nil when there are
// none). tags gives a resource's tags for tag:KEY, tag-key and tag-value;
// with tags nil those filters are unknown. An unknown name is
// InvalidParameterValue.
func compileFilters[E any](fs []filterReq, spec filterSpec[E], tags func(E) []Tag) (func(E) bool, error) {
	if len(fs) == 0 {
		return nil, nil
	}
	preds := make([]func(E) bool, 0, len(fs))
	for _, f := range fs {
		pats := compilePatterns(f.values)
		name := f.name
		switch {
		case tags != nil && strings.HasPrefix(name, "tag:"):
			key := name[len("tag:"):]
			preds = append(preds, func(e E) bool {
				for _, t := range tags(e) {
					if t.Key == key && pats.match(t.Value) {
						return true
					}
				}
				return false
			})
		case tags != nil && (name == "tag-key" || name == "tag-value"):
			byKey := name == "tag-key"
			preds = append(preds, func(e E) bool {
				for _, t := range tags(e) {
					v := t.Value
					if byKey {
						v = t.Key
					}
					if pats.match(v) {
						return true
					}
				}
				return false
			})
		default:
			get, ok := spec[name]
			if !ok {
				return nil, invalidParameterValue("The filter '%s' is invalid", name)
			}
			preds = append(preds, func(e E) bool {
				for _, v := range get(e) {
					if pats.match(v) {
						return true
					}
				}
				return false
			})
		}
	}
	return func(e E) bool {
		for _, p := range preds {
			if !p(e) {
				return false
			}
		}
		return true
	}, nil
}

// filtersFor parses the request's filters and compiles them against spec.
func filtersFor[E any](p awsapi.Params, spec filterSpec[E], tags func(E) []Tag) (func(E) bool, error) {
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	return compileFilters(fs, spec, tags)
}

// recordTags is the tags func of stored resources.
func recordTags[P record](v P) []Tag { return v.tagList() }

// Helpers for extractors.

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func boolStr(b bool) []string { return []string{strconv.FormatBool(b)} }

func intStr(n int) []string { return []string{strconv.Itoa(n)} }

// patterns is the OR of a filter's values.
type patterns []pattern

func compilePatterns(vals []string) patterns {
	out := make(patterns, len(vals))
	for i, v := range vals {
		out[i] = compilePattern(v)
	}
	return out
}

func (ps patterns) match(s string) bool {
	for _, p := range ps {
		if p.match(s) {
			return true
		}
	}
	return false
}

// pattern is a filter value: a literal, or a glob with * (any run of
// characters) and ? (one character); \* \? and \\ are literals.
type pattern struct {
	literal string
	glob    []globTok // nil when the value has no wildcard
}

type globTok struct {
	r    rune
	star bool
	any  bool
}

func compilePattern(v string) pattern {
	if !strings.ContainsAny(v, `*?\`) {
		return pattern{literal: v}
	}
	var toks []globTok
	rs := []rune(v)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; {
		case c == '\\' && i+1 < len(rs):
			i++
			toks = append(toks, globTok{r: rs[i]})
		case c == '*':
			if len(toks) == 0 || !toks[len(toks)-1].star {
				toks = append(toks, globTok{star: true})
			}
		case c == '?':
			toks = append(toks, globTok{any: true})
		default:
			toks = append(toks, globTok{r: c})
		}
	}
	if toks == nil {
		toks = []globTok{}
	}
	return pattern{glob: toks}
}

// match runs in O(len(s)·len(pattern)) whatever the pattern.
func (p pattern) match(s string) bool {
	if p.glob == nil {
		return s == p.literal
	}
	toks, rs := p.glob, []rune(s)
	ti, si, star, mark := 0, 0, -1, 0
	for si < len(rs) {
		switch {
		case ti < len(toks) && !toks[ti].star && (toks[ti].any || toks[ti].r == rs[si]):
			ti++
			si++
		case ti < len(toks) && toks[ti].star:
			star, mark = ti, si
			ti++
		case star >= 0:
			ti = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for ti < len(toks) && toks[ti].star {
		ti++
	}
	return ti == len(toks)
}
