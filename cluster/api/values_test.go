package api

import (
	"encoding/json"
	"testing"
	"time"
)

func TestIntOrString(t *testing.T) {
	for _, tc := range []struct {
		json    string
		total   int
		up, dn  int
		wantErr bool
	}{
		{json: `1`, total: 10, up: 1, dn: 1},
		{json: `"25%"`, total: 10, up: 3, dn: 2},
		{json: `"100%"`, total: 3, up: 3, dn: 3},
		{json: `"0%"`, total: 3, up: 0, dn: 0},
		{json: `"two"`, wantErr: true},
		{json: `"x%"`, wantErr: true},
	} {
		var v IntOrString
		if err := json.Unmarshal([]byte(tc.json), &v); err != nil {
			t.Fatalf("%s: %v", tc.json, err)
		}
		if b, _ := json.Marshal(v); string(b) != tc.json {
			t.Errorf("%s written back as %s", tc.json, b)
		}
		up, err := v.Scaled(tc.total, true)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: err = %v", tc.json, err)
			continue
		}
		dn, _ := v.Scaled(tc.total, false)
		if err == nil && (up != tc.up || dn != tc.dn) {
			t.Errorf("%s of %d: up %d down %d, want %d %d", tc.json, tc.total, up, dn, tc.up, tc.dn)
		}
	}
}

func TestTime(t *testing.T) {
	var v Time
	if err := json.Unmarshal([]byte(`"2017-01-01T02:00:00+02:00"`), &v); err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(v); string(b) != `"2017-01-01T00:00:00Z"` {
		t.Errorf("written as %s", b)
	}
	if got := NewTime(time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)); got.Nanosecond() != 0 {
		t.Errorf("NewTime kept nanoseconds")
	}
}

func TestParseKubernetesVersion(t *testing.T) {
	for in, want := range map[string]string{
		"v1.32.0": "1.32.0", "1.33.4": "1.33.4", "1.34": "1.34.0",
		"v1.35.0-alpha.1": "1.35.0-alpha.1", "1.36.0+build.7": "1.36.0",
	} {
		v, err := ParseKubernetesVersion(in)
		if err != nil || v.String() != want {
			t.Errorf("%s: %v, %v; want %s", in, v, err, want)
		}
	}
	for _, in := range []string{"", "1", "v1.x.0", "1.2.3.4", "1.02.0", "latest"} {
		if _, err := ParseKubernetesVersion(in); err == nil {
			t.Errorf("%q parsed", in)
		}
	}
}

func TestEffectiveRollingUpdate(t *testing.T) {
	pct := FromString("50%")
	zero := FromInt(0)
	no := false
	c := &Cluster{Spec: ClusterSpec{RollingUpdate: &RollingUpdate{MaxSurge: &pct, DrainAndTerminate: &no}}}
	node := &InstanceGroup{Spec: InstanceGroupSpec{Role: RoleNode}}
	cp := &InstanceGroup{Spec: InstanceGroupSpec{Role: RoleMaster}}
	own := &InstanceGroup{Spec: InstanceGroupSpec{Role: RoleNode, RollingUpdate: &RollingUpdate{MaxSurge: &zero}}}
	for _, tc := range []struct {
		name              string
		c                 *Cluster
		ig                *InstanceGroup
		surge, unavail    string
		drain             bool
		size, nSurge, nUn int
	}{
		{"defaults", &Cluster{}, node, "1", "0", true, 4, 1, 0},
		{"control plane never surges", &Cluster{}, cp, "0", "1", true, 1, 0, 1},
		{"cluster settings", c, node, "50%", "0", false, 5, 3, 0},
		{"group overrides cluster", c, own, "0", "1", false, 5, 0, 1},
	} {
		ru := EffectiveRollingUpdate(tc.c, tc.ig)
		if ru.MaxSurge.String() != tc.surge || ru.MaxUnavailable.String() != tc.unavail || *ru.DrainAndTerminate != tc.drain {
			t.Errorf("%s: surge %v unavailable %v drain %v", tc.name, ru.MaxSurge, ru.MaxUnavailable, *ru.DrainAndTerminate)
		}
		s, u, err := ru.Counts(tc.size)
		if err != nil || s != tc.nSurge || u != tc.nUn {
			t.Errorf("%s: Counts(%d) = %d, %d, %v", tc.name, tc.size, s, u, err)
		}
	}
}
