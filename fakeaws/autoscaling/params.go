package autoscaling

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// name reads a required group-name-like parameter: 1 to 255 characters
// of XML text.
func name(p awsapi.Params, field string) (string, error) {
	v, err := p.Required(field)
	if err != nil {
		return "", err
	}
	return v, checkText(field, v, 255)
}

// checkText checks a string parameter's length and characters.
func checkText(field, v string, max int) error {
	if utf8.RuneCountInString(v) > max {
		return errTooLong(field, v, max)
	}
	if !utf8.ValidString(v) {
		return invalid("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*", lowerFirst(field))
	}
	for _, r := range v {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return invalid("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*", lowerFirst(field))
		}
	}
	return nil
}

// intParam reads an optional integer in [min, max]; ok is false when the
// parameter is absent.
func intParam(p awsapi.Params, field string, min, max int) (n int, ok bool, err error) {
	s := p.Get(field)
	if s == "" {
		return 0, false, nil
	}
	v, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil || v < math.MinInt32 || v > math.MaxInt32 {
		return 0, false, invalid("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must be a number", s, lowerFirst(field))
	}
	if int(v) < min || int(v) > max {
		return 0, false, errRange(field, int(v), min, max)
	}
	return int(v), true, nil
}

// intPtr is intParam as a pointer, nil when absent.
func intPtr(p awsapi.Params, field string, min, max int) (*int, error) {
	n, ok, err := intParam(p, field, min, max)
	if err != nil || !ok {
		return nil, err
	}
	return &n, nil
}

// requiredInt reads a required integer.
func requiredInt(p awsapi.Params, field string, min, max int) (int, error) {
	n, ok, err := intParam(p, field, min, max)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, awsapi.MissingParameter(field)
	}
	return n, nil
}

// boolParam reads an optional boolean.
func boolParam(p awsapi.Params, field string, def bool) (bool, error) {
	return p.Bool(field, def)
}

// requiredBool reads a required boolean.
func requiredBool(p awsapi.Params, field string) (bool, error) {
	if p.Get(field) == "" {
		return false, awsapi.MissingParameter(field)
	}
	return p.Bool(field, false)
}

// members reads a list parameter (Field.member.N).
func members(p awsapi.Params, field string) []string { return p.List(field + ".member") }

// templateSpec reads a LaunchTemplateSpecification at prefix; ok is false
// when none was sent.
func templateSpec(p awsapi.Params, prefix string) (TemplateRef, bool, error) {
	sub := p.Sub(prefix)
	if len(sub.Values()) == 0 {
		return TemplateRef{}, false, nil
	}
	ref := TemplateRef{ID: sub.Get("LaunchTemplateId"), Name: sub.Get("LaunchTemplateName"), Version: sub.Get("Version")}
	if (ref.ID == "") == (ref.Name == "") {
		return ref, true, invalid("Valid requests must contain either launchTemplateId or LaunchTemplateName")
	}
	if err := checkText("LaunchTemplateName", ref.Name, 128); err != nil {
		return ref, true, err
	}
	if err := checkText("Version", ref.Version, 255); err != nil {
		return ref, true, err
	}
	return ref, true, nil
}

// mixedParam reads a MixedInstancesPolicy; nil when none was sent.
func mixedParam(p awsapi.Params) (*mixedPolicy, error) {
	sub := p.Sub("MixedInstancesPolicy")
	if len(sub.Values()) == 0 {
		return nil, nil
	}
	ref, ok, err := templateSpec(sub, "LaunchTemplate.LaunchTemplateSpecification")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, invalid("A launch template must be specified in the mixed instances policy.")
	}
	mp := &mixedPolicy{Template: ref}
	for _, o := range sub.Structs("LaunchTemplate.Overrides.member") {
		mp.Overrides = append(mp.Overrides, override{InstanceType: o.Get("InstanceType"), WeightedCapacity: o.Get("WeightedCapacity")})
	}
	if d := sub.Sub("InstancesDistribution"); len(d.Values()) > 0 {
		dist := &distribution{
			OnDemandAllocationStrategy: d.Get("OnDemandAllocationStrategy"),
			SpotAllocationStrategy:     d.Get("SpotAllocationStrategy"),
			SpotMaxPrice:               d.Get("SpotMaxPrice"),
		}
		if dist.OnDemandBaseCapacity, err = intPtr(d, "OnDemandBaseCapacity", 0, math.MaxInt32); err != nil {
			return nil, err
		}
		if dist.OnDemandPercentageAboveBaseCapacity, err = intPtr(d, "OnDemandPercentageAboveBaseCapacity", 0, 100); err != nil {
			return nil, err
		}
		if dist.SpotInstancePools, err = intPtr(d, "SpotInstancePools", 0, math.MaxInt32); err != nil {
			return nil, err
		}
		mp.Distribution = dist
	}
	return mp, nil
}

// filter is one Filters.member.N.
type filter struct {
	Name   string
	Values []string
}

func filters(p awsapi.Params) []filter {
	var out []filter
	for _, f := range p.Structs("Filters.member") {
		out = append(out, filter{Name: f.Get("Name"), Values: f.List("Values.member")})
	}
	return out
}

// page is the NextToken and MaxRecords of a Describe request; the token
// is the store-like key of the last item returned, base64-encoded.
type page struct {
	token string
	after string
	max   int
}

func readPage(p awsapi.Params, def, limit int) (page, error) {
	n, ok, err := intParam(p, "MaxRecords", math.MinInt32, math.MaxInt32)
	if err != nil {
		return page{}, err
	}
	if !ok {
		n = def
	}
	if n < 1 || n > limit {
		return page{}, errRange("MaxRecords", n, 1, limit)
	}
	pg := page{max: n, token: p.Get("NextToken")}
	if pg.token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(pg.token)
		if err != nil || len(raw) == 0 {
			return page{}, errBadToken(pg.token)
		}
		pg.after = string(raw)
	}
	return pg, nil
}

func nextToken(key string) string { return base64.RawURLEncoding.EncodeToString([]byte(key)) }

// keyed is an item with its sort key.
type keyed[T any] struct {
	key  string
	item T
}

// pageOf returns the page of items (sorted by key) after pg's token, and
// the next token ("" on the last page).
func pageOf[T any](items []keyed[T], pg page) ([]T, string) {
	i := 0
	if pg.after != "" {
		for i < len(items) && items[i].key <= pg.after {
			i++
		}
	}
	rest := items[i:]
	next := ""
	if len(rest) > pg.max {
		rest = rest[:pg.max]
		next = nextToken(rest[len(rest)-1].key)
	}
	out := make([]T, len(rest))
	for i, k := range rest {
		out[i] = k.item
	}
	return out, next
}

// splitZoneIdentifier splits VPCZoneIdentifier, a comma-separated list of
// subnet IDs.
func splitZoneIdentifier(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
