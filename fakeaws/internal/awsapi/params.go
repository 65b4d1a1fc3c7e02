package awsapi

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Params reads the flattened parameters of a query-protocol request
// (Action=CreateRole&Tags.member.1.Key=k&...).
type Params struct{ v url.Values }

// NewParams wraps decoded form values.
func NewParams(v url.Values) Params { return Params{v: v} }

// Values returns the underlying values.
func (p Params) Values() url.Values { return p.v }

// Has reports whether the parameter was sent.
func (p Params) Has(name string) bool { _, ok := p.v[name]; return ok }

// Get returns the parameter's value, or "" if it was not sent.
func (p Params) Get(name string) string { return p.v.Get(name) }

// Required returns the parameter's value or a MissingParameter error when it
// was not sent or is empty.
func (p Params) Required(name string) (string, error) {
	s := p.v.Get(name)
	if s == "" {
		return "", MissingParameter(name)
	}
	return s, nil
}

// Int returns an integer parameter, def when absent.
func (p Params) Int(name string, def int) (int, error) {
	s := p.v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, ValidationError("Value '%s' at '%s' failed to satisfy constraint: Member must be a number", s, lowerFirst(name))
	}
	return n, nil
}

// Bool returns a boolean parameter, def when absent.
func (p Params) Bool(name string, def bool) (bool, error) {
	s := p.v.Get(name)
	if s == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, ValidationError("Value '%s' at '%s' failed to satisfy constraint: Member must be a boolean", s, lowerFirst(name))
	}
	return b, nil
}

// Time returns an ISO 8601 timestamp parameter, the zero time when absent.
func (p Params) Time(name string) (time.Time, error) {
	s := p.v.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, ValidationError("Value '%s' at '%s' is not a valid timestamp", s, lowerFirst(name))
	}
	return t, nil
}

// indexes returns the sorted distinct N of keys "prefix.N" or "prefix.N.rest".
func (p Params) indexes(prefix string) []int {
	seen := map[int]bool{}
	for k := range p.v {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		n, ok := listIndex(num)
		if !ok {
			continue
		}
		seen[n] = true
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// List returns the values of a flattened list: prefix.1, prefix.2, ... in
// index order. For the query protocol the prefix includes ".member"
// (PolicyArns.member); EC2 lists have none (InstanceId.1).
func (p Params) List(prefix string) []string {
	idx := p.indexes(prefix)
	out := make([]string, 0, len(idx))
	for _, n := range idx {
		if v, ok := p.v[prefix+"."+strconv.Itoa(n)]; ok && len(v) > 0 {
			out = append(out, v[0])
		}
	}
	return out
}

// Structs returns one Params per element of a flattened list of structures
// (Tags.member.1.Key, Tags.member.1.Value, ...), with the element's prefix
// removed so that fields read as Key and Value. One pass over the keys.
func (p Params) Structs(prefix string) []Params {
	groups := map[int]url.Values{}
	for k, v := range p.v {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		num, field, ok := strings.Cut(rest, ".")
		if !ok {
			continue
		}
		n, ok := listIndex(num)
		if !ok {
			continue
		}
		g := groups[n]
		if g == nil {
			g = url.Values{}
			groups[n] = g
		}
		g[field] = v
	}
	idx := make([]int, 0, len(groups))
	for n := range groups {
		idx = append(idx, n)
	}
	sort.Ints(idx)
	out := make([]Params, 0, len(idx))
	for _, n := range idx {
		out = append(out, Params{v: groups[n]})
	}
	return out
}

// Sub returns the parameters under prefix (prefix.X → X).
func (p Params) Sub(prefix string) Params {
	sub := url.Values{}
	for k, v := range p.v {
		if rest, ok := strings.CutPrefix(k, prefix+"."); ok {
			sub[rest] = v
		}
	}
	return Params{v: sub}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// listIndex parses the N of a list member: a positive decimal written as
// strconv.Itoa writes it, so that "01" or "+1" never alias member 1.
func listIndex(num string) (int, bool) {
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || strconv.Itoa(n) != num {
		return 0, false
	}
	return n, true
}
