package autoscaling_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
)

func (h *harness) refreshes() []types.InstanceRefresh {
	h.t.Helper()
	out, err := h.client.DescribeInstanceRefreshes(h.ctx, &asg.DescribeInstanceRefreshesInput{AutoScalingGroupName: aws.String("web")})
	if err != nil {
		h.t.Fatalf("DescribeInstanceRefreshes: %v", err)
	}
	return out.InstanceRefreshes
}

func (h *harness) startRefresh(prefs *types.RefreshPreferences) string {
	h.t.Helper()
	out, err := h.client.StartInstanceRefresh(h.ctx, &asg.StartInstanceRefreshInput{AutoScalingGroupName: aws.String("web"), Preferences: prefs})
	if err != nil {
		h.t.Fatalf("StartInstanceRefresh: %v", err)
	}
	return aws.ToString(out.InstanceRefreshId)
}

func TestInstanceRefreshKeepsMinHealthy(t *testing.T) {
	tests := []struct {
		name       string
		minHealthy int32
		max        int32
		// floor is the fewest InService instances allowed at any time.
		floor int
		// surge is the most instances at any time.
		surge int
	}{
		{"90 percent with room to launch first", 90, 4, 3, 4},
		{"90 percent without room: one at a time", 90, 3, 2, 3},
		{"50 percent without room", 50, 3, 2, 3},
		// Three replacements launch at once while 50% lets one old
		// instance go at once: five at most.
		{"50 percent with room for three", 50, 6, 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.create("web", 3, tt.max, 3)
			old := instanceIDs(h.settle("web"), "")
			h.ec2.newVersion()
			id := h.startRefresh(&types.RefreshPreferences{MinHealthyPercentage: aws.Int32(tt.minHealthy), InstanceWarmup: aws.Int32(60)})
			if rs := h.refreshes(); len(rs) != 1 || rs[0].Status != types.InstanceRefreshStatusPending || aws.ToInt32(rs[0].InstancesToUpdate) != 3 {
				t.Fatalf("after start: %+v", rs)
			}
			lastPercent := int32(-1)
			steps, minSeen, maxSeen := 0, 99, 0
			for ; steps < 100; steps++ {
				h.reconcile()
				g := h.group("web")
				if n := len(instanceIDs(g, types.LifecycleStateInService)); n < tt.floor {
					t.Fatalf("step %d: %d InService, below the floor %d: %v", steps, n, tt.floor, summary(g))
				}
				if n := len(byZoneAll(g)); n > tt.surge {
					t.Fatalf("step %d: %d instances, above %d: %v", steps, n, tt.surge, summary(g))
				}
				minSeen = min(minSeen, len(instanceIDs(g, types.LifecycleStateInService)))
				maxSeen = max(maxSeen, len(byZoneAll(g)))
				rf := h.refreshes()[0]
				if p := aws.ToInt32(rf.PercentageComplete); p < lastPercent {
					t.Fatalf("step %d: PercentageComplete went from %d to %d", steps, lastPercent, p)
				} else {
					lastPercent = p
				}
				if rf.Status == types.InstanceRefreshStatusSuccessful {
					break
				}
				if rf.Status != types.InstanceRefreshStatusInProgress {
					t.Fatalf("step %d: status %s", steps, rf.Status)
				}
				h.ec2.runAll()
				h.clk.Step(20 * time.Second)
			}
			rf := h.refreshes()[0]
			if rf.Status != types.InstanceRefreshStatusSuccessful || aws.ToString(rf.InstanceRefreshId) != id ||
				aws.ToInt32(rf.PercentageComplete) != 100 || aws.ToInt32(rf.InstancesToUpdate) != 0 || rf.EndTime == nil {
				t.Fatalf("refresh = %s %d%% %d to update, after %d steps", rf.Status, aws.ToInt32(rf.PercentageComplete), aws.ToInt32(rf.InstancesToUpdate), steps)
			}
			g := h.group("web")
			if len(g.Instances) != 3 || len(instanceIDs(g, types.LifecycleStateInService)) != 3 {
				t.Fatalf("after the refresh: %v", summary(g))
			}
			for _, in := range g.Instances {
				if contains(old, aws.ToString(in.InstanceId)) || aws.ToString(in.LaunchTemplate.Version) != "2" {
					t.Errorf("instance %s version %s survived the refresh", aws.ToString(in.InstanceId), aws.ToString(in.LaunchTemplate.Version))
				}
			}
			if p := rf.Preferences; aws.ToInt32(p.MinHealthyPercentage) != tt.minHealthy || aws.ToInt32(p.InstanceWarmup) != 60 || aws.ToBool(p.SkipMatching) {
				t.Errorf("Preferences = %+v", p)
			}
			// The refresh used all the room it had, and no more.
			if minSeen != tt.floor || maxSeen != tt.surge {
				t.Errorf("InService went down to %d (floor %d), instances up to %d (room %d)", minSeen, tt.floor, maxSeen, tt.surge)
			}
			t.Logf("%d steps", steps)
		})
	}
}

// byZoneAll lists every instance of a group that is not leaving.
func byZoneAll(g types.AutoScalingGroup) []string {
	var out []string
	for _, in := range g.Instances {
		switch in.LifecycleState {
		case types.LifecycleStateTerminating, types.LifecycleStateTerminatingWait, types.LifecycleStateTerminatingProceed, types.LifecycleStateTerminated:
		default:
			out = append(out, aws.ToString(in.InstanceId))
		}
	}
	return out
}

func TestInstanceRefreshSkipMatching(t *testing.T) {
	h := newHarness(t)
	h.create("web", 2, 4, 2)
	h.settle("web")
	h.ec2.newVersion()
	if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(3)}); err != nil {
		t.Fatal(err)
	}
	g := h.settle("web")
	current := ""
	for _, in := range g.Instances {
		if aws.ToString(in.LaunchTemplate.Version) == "2" {
			current = aws.ToString(in.InstanceId)
		}
	}
	h.startRefresh(&types.RefreshPreferences{SkipMatching: aws.Bool(true), InstanceWarmup: aws.Int32(0)})
	if rf := h.refreshes()[0]; aws.ToInt32(rf.InstancesToUpdate) != 2 {
		t.Fatalf("InstancesToUpdate = %d, want 2", aws.ToInt32(rf.InstancesToUpdate))
	}
	for range 20 {
		h.reconcile()
		h.ec2.runAll()
		if h.refreshes()[0].Status == types.InstanceRefreshStatusSuccessful {
			break
		}
	}
	g = h.group("web")
	if rf := h.refreshes()[0]; rf.Status != types.InstanceRefreshStatusSuccessful || !contains(instanceIDs(g, ""), current) || len(g.Instances) != 3 {
		t.Fatalf("refresh %s, instances %v, want %s kept", rf.Status, summary(g), current)
	}
}

func TestInstanceRefreshAPI(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 2, 1)
	h.settle("web")
	first := h.startRefresh(nil)
	_, err := h.client.StartInstanceRefresh(h.ctx, &asg.StartInstanceRefreshInput{AutoScalingGroupName: aws.String("web")})
	wantCode(t, err, "InstanceRefreshInProgress", "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.")
	rf := h.refreshes()[0]
	if aws.ToInt32(rf.Preferences.MinHealthyPercentage) != 90 || rf.Strategy != types.RefreshStrategyRolling {
		t.Errorf("defaults: %+v", rf.Preferences)
	}
	out, err := h.client.CancelInstanceRefresh(h.ctx, &asg.CancelInstanceRefreshInput{AutoScalingGroupName: aws.String("web")})
	if err != nil || aws.ToString(out.InstanceRefreshId) != first {
		t.Fatalf("CancelInstanceRefresh = %v, %v", out, err)
	}
	if rf := h.refreshes()[0]; rf.Status != types.InstanceRefreshStatusCancelling {
		t.Errorf("after cancel: %s", rf.Status)
	}
	h.reconcile()
	if rf := h.refreshes()[0]; rf.Status != types.InstanceRefreshStatusCancelled {
		t.Errorf("after a round: %s", rf.Status)
	}
	_, err = h.client.CancelInstanceRefresh(h.ctx, &asg.CancelInstanceRefreshInput{AutoScalingGroupName: aws.String("web")})
	wantCode(t, err, "ActiveInstanceRefreshNotFound", "No in progress or pending Instance Refresh found for Auto Scaling group web")

	// A desired configuration becomes the group's on success.
	v := h.ec2.newVersion()
	_, err = h.client.StartInstanceRefresh(h.ctx, &asg.StartInstanceRefreshInput{
		AutoScalingGroupName: aws.String("web"),
		DesiredConfiguration: &types.DesiredConfiguration{LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(templateID), Version: aws.String("2")}},
		Preferences:          &types.RefreshPreferences{InstanceWarmup: aws.Int32(0)},
	})
	if err != nil || v != 2 {
		t.Fatal(err)
	}
	for range 10 {
		h.reconcile()
		h.ec2.runAll()
	}
	rs := h.refreshes()
	if len(rs) != 2 || rs[0].Status != types.InstanceRefreshStatusSuccessful || rs[1].Status != types.InstanceRefreshStatusCancelled {
		t.Fatalf("refreshes = %s, %s", rs[0].Status, rs[1].Status)
	}
	if dc := rs[0].DesiredConfiguration; dc == nil || aws.ToString(dc.LaunchTemplate.Version) != "2" {
		t.Errorf("DesiredConfiguration = %+v", dc)
	}
	if lt := h.group("web").LaunchTemplate; aws.ToString(lt.LaunchTemplateId) != templateID || aws.ToString(lt.Version) != "2" {
		t.Errorf("group launch template after the refresh = %+v", lt)
	}
	_, err = h.client.StartInstanceRefresh(h.ctx, &asg.StartInstanceRefreshInput{AutoScalingGroupName: aws.String("web"),
		Preferences: &types.RefreshPreferences{MinHealthyPercentage: aws.Int32(101)}})
	wantCode(t, err, "ValidationError", "")
	_, err = h.client.StartInstanceRefresh(h.ctx, &asg.StartInstanceRefreshInput{AutoScalingGroupName: aws.String("nope")})
	wantCode(t, err, "ValidationError", "AutoScalingGroup name not found - AutoScalingGroup 'nope' not found")
}
