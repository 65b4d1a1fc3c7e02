package awsapi

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
	"time"
)

func mustParams(t *testing.T, raw string) Params {
	t.Helper()
	v, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	return NewParams(v)
}

func codeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestParamsList(t *testing.T) {
	tests := []struct {
		name, raw, prefix string
		want              []string
	}{
		{"in order", "A.member.1=x&A.member.2=y&A.member.3=z", "A.member", []string{"x", "y", "z"}},
		{"unordered", "A.member.3=z&A.member.1=x&A.member.2=y", "A.member", []string{"x", "y", "z"}},
		{"sparse", "A.member.7=c&A.member.2=a&A.member.4=b", "A.member", []string{"a", "b", "c"}},
		{"two digits sort numerically", "A.member.10=j&A.member.9=i&A.member.1=a", "A.member", []string{"a", "i", "j"}},
		{"ec2 style without member", "InstanceId.2=i-2&InstanceId.1=i-1", "InstanceId", []string{"i-1", "i-2"}},
		{"empty value kept", "A.member.1=&A.member.2=y", "A.member", []string{"", "y"}},
		{"zero, negative and non-numeric indexes ignored", "A.member.0=z&A.member.-1=n&A.member.x=q&A.member.1=a", "A.member", []string{"a"}},
		{"leading zeros are another key", "A.member.01=zero&A.member.1=a", "A.member", []string{"a"}},
		{"nested keys do not make list values", "A.member.1.Key=k&A.member.2=v", "A.member", []string{"v"}},
		{"other prefixes ignored", "AB.member.1=x&A.members.1=y&B.member.1=z", "A.member", []string{}},
		{"none", "Action=X", "A.member", []string{}},
		{"repeated key takes the first value", "A.member.1=x&A.member.1=y", "A.member", []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParams(t, tt.raw).List(tt.prefix)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("List(%q) = %q, want %q", tt.prefix, got, tt.want)
			}
		})
	}
}

func TestParamsStructs(t *testing.T) {
	p := mustParams(t, "Action=TagRole&Tags.member.5.Value=v5&Tags.member.2.Key=k2&Tags.member.5.Key=k5"+
		"&Tags.member.2.Value=v2&Tags.member.12.Key=k12&Tags.member.x.Key=bad&Other.member.1.Key=o")
	structs := p.Structs("Tags.member")
	var got [][2]string
	for _, s := range structs {
		got = append(got, [2]string{s.Get("Key"), s.Get("Value")})
	}
	want := [][2]string{{"k2", "v2"}, {"k5", "v5"}, {"k12", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Structs = %q, want %q", got, want)
	}
	if structs[2].Has("Value") {
		t.Error("element 12 has a Value it was not sent")
	}

	// Nested lists inside structures (Filters.member.N.Values.member.M).
	p = mustParams(t, "Filter.2.Name=vpc-id&Filter.2.Value.2=vpc-b&Filter.2.Value.1=vpc-a&Filter.1.Name=tag:K&Filter.1.Value.1=v")
	var filters []string
	for _, f := range p.Structs("Filter") {
		filters = append(filters, f.Get("Name")+"="+joinComma(f.List("Value")))
	}
	if want := []string{"tag:K=v", "vpc-id=vpc-a,vpc-b"}; !reflect.DeepEqual(filters, want) {
		t.Errorf("filters = %q, want %q", filters, want)
	}
}

func joinComma(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}

func TestParamsSub(t *testing.T) {
	p := mustParams(t, "LaunchTemplateData.ImageId=ami-1&LaunchTemplateData.Monitoring.Enabled=true&LaunchTemplateDataX=no")
	sub := p.Sub("LaunchTemplateData")
	want := url.Values{"ImageId": {"ami-1"}, "Monitoring.Enabled": {"true"}}
	if !reflect.DeepEqual(sub.Values(), want) {
		t.Errorf("Sub = %v, want %v", sub.Values(), want)
	}
	if got := sub.Sub("Monitoring").Get("Enabled"); got != "true" {
		t.Errorf("nested Sub = %q", got)
	}
	if len(p.Sub("Missing").Values()) != 0 {
		t.Error("Sub of a missing prefix is not empty")
	}
}

func TestParamsScalars(t *testing.T) {
	p := mustParams(t, "Name=r&Empty=&N=42&Neg=-3&Bad=4x&B=true&B0=0&BadB=yes&T=2026-11-23T12:00:00Z&BadT=yesterday")
	if !p.Has("Empty") || p.Has("Nope") {
		t.Error("Has")
	}
	if v, err := p.Required("Name"); v != "r" || err != nil {
		t.Errorf("Required(Name) = %q, %v", v, err)
	}
	for _, name := range []string{"Empty", "Nope"} {
		if _, err := p.Required(name); codeOf(err) != "MissingParameter" {
			t.Errorf("Required(%s) err = %v, want MissingParameter", name, err)
		}
	}
	ints := []struct {
		name string
		want int
		code string
	}{{"N", 42, ""}, {"Neg", -3, ""}, {"Nope", 7, ""}, {"Empty", 7, ""}, {"Bad", 0, "ValidationError"}}
	for _, tt := range ints {
		got, err := p.Int(tt.name, 7)
		if got != tt.want || codeOf(err) != tt.code {
			t.Errorf("Int(%s) = %d, %v; want %d, %q", tt.name, got, err, tt.want, tt.code)
		}
	}
	if _, err := p.Int("Bad", 0); err == nil || err.Error() != "ValidationError: Value '4x' at 'bad' failed to satisfy constraint: Member must be a number" {
		t.Errorf("Int(Bad) message: %v", err)
	}
	bools := []struct {
		name      string
		want, def bool
		code      string
	}{{"B", true, false, ""}, {"B0", false, true, ""}, {"Nope", true, true, ""}, {"BadB", false, true, "ValidationError"}}
	for _, tt := range bools {
		got, err := p.Bool(tt.name, tt.def)
		if got != tt.want || codeOf(err) != tt.code {
			t.Errorf("Bool(%s) = %v, %v; want %v, %q", tt.name, got, err, tt.want, tt.code)
		}
	}
	if ts, err := p.Time("T"); err != nil || !ts.Equal(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("Time(T) = %v, %v", ts, err)
	}
	if ts, err := p.Time("Nope"); err != nil || !ts.IsZero() {
		t.Errorf("Time(Nope) = %v, %v", ts, err)
	}
	if _, err := p.Time("BadT"); codeOf(err) != "ValidationError" {
		t.Errorf("Time(BadT) err = %v", err)
	}
}

func TestParamsNonCanonicalIndexes(t *testing.T) {
	// 01 and +1 are not index 1: they must neither shadow member 1 nor make
	// the result depend on map iteration order.
	raw := "Tags.member.1.Key=a&Tags.member.01.Key=b&Tags.member.+1.Key=c&Tags.member.2.Key=d&Tags.member.+2.Key=e"
	for range 50 {
		p := mustParams(t, raw)
		var keys []string
		for _, s := range p.Structs("Tags.member") {
			keys = append(keys, s.Get("Key"))
		}
		if !reflect.DeepEqual(keys, []string{"a", "d"}) {
			t.Fatalf("Structs keys = %q, want [a d]", keys)
		}
		if got := mustParams(t, "A.member.01=x&A.member.+2=y").List("A.member"); len(got) != 0 {
			t.Fatalf("List = %q, want none", got)
		}
	}
}
