package autoscaling

import (
	"testing"
	"time"
)

func TestPickVictimPolicies(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	v := func(n string) *TemplateRef { return &TemplateRef{ID: "lt-1", Name: "web", Version: n} }
	// One zone, so that only the policies decide.
	mk := func() []*instance {
		return []*instance{
			{ID: "i-1", AZ: "a", State: stInService, Template: v("2"), LaunchedAt: t0.Add(10 * time.Minute)},
			{ID: "i-2", AZ: "a", State: stInService, Template: v("1"), LaunchedAt: t0.Add(50 * time.Minute)},
			{ID: "i-3", AZ: "a", State: stInService, Template: v("2"), LaunchedAt: t0},
			{ID: "i-4", AZ: "a", State: stInService, Template: &TemplateRef{ID: "lt-9", Version: "5"}, LaunchedAt: t0.Add(40 * time.Minute)},
		}
	}
	now := t0.Add(2 * time.Hour)
	tests := []struct {
		policies []string
		want     string
	}{
		{nil, "i-4"},                                   // Default: another template first
		{[]string{"OldestInstance"}, "i-3"},            // launched first
		{[]string{"NewestInstance"}, "i-2"},            // launched last
		{[]string{"ClosestToNextInstanceHour"}, "i-1"}, // 110 min in: 10 to the next hour
		{[]string{"OldestLaunchTemplate"}, "i-4"},
		{[]string{"AllocationStrategy"}, "i-4"}, // no-op, then Default
		{[]string{"OldestInstance", "NewestInstance"}, "i-3"},
	}
	for _, tt := range tests {
		g := &group{Template: &TemplateRef{Name: "web", Version: "$Latest"}, TerminationPolicies: tt.policies}
		g.Instances = mk()
		if got := pickVictim(g, g.Instances, now); got.ID != tt.want {
			t.Errorf("%v: picked %s, want %s", tt.policies, got.ID, tt.want)
		}
	}
	// Without the other template, Default takes the lowest version, then
	// the oldest.
	g := &group{Template: &TemplateRef{Name: "web"}}
	g.Instances = mk()[:3]
	if got := pickVictim(g, g.Instances, now); got.ID != "i-2" {
		t.Errorf("Default picked %s, want i-2", got.ID)
	}
	g.Instances = []*instance{g.Instances[0], g.Instances[2]}
	if got := pickVictim(g, g.Instances, now); got.ID != "i-3" {
		t.Errorf("Default picked %s, want i-3 (oldest)", got.ID)
	}
}

func TestPlacementAndZonePick(t *testing.T) {
	g := &group{Subnets: []subnet{{"s-b1", "b"}, {"s-a1", "a"}, {"s-a2", "a"}, {"s-c1", "c"}}}
	var got []string
	for range 7 {
		sn, az := placement(g)
		got = append(got, az+"/"+sn)
		g.Launches = append(g.Launches, &launchIntent{SubnetID: sn, AZ: az})
	}
	want := []string{"a/s-a1", "b/s-b1", "c/s-c1", "a/s-a2", "b/s-b1", "c/s-c1", "a/s-a1"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("placements = %v, want %v", got, want)
		}
	}
	// Scale-in takes from the fullest zone, ties to the last by name.
	g.Launches = nil
	for i, az := range []string{"a", "a", "b", "b", "c"} {
		g.Instances = append(g.Instances, &instance{ID: string(rune('1' + i)), AZ: az, State: stInService})
	}
	if v := pickVictim(g, g.Instances, time.Time{}); v.AZ != "b" {
		t.Errorf("victim in %s, want b", v.AZ)
	}
	if v := pickVictim(g, nil, time.Time{}); v != nil {
		t.Errorf("victim among none: %v", v)
	}
}
