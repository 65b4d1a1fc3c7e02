package autoscaling_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
)

// crash runs a round that panics part way, as a process dying there.
func (h *harness) crash() {
	h.t.Helper()
	defer func() {
		if recover() == nil {
			h.t.Fatal("the round did not crash")
		}
	}()
	_ = h.svc.Reconcile(h.ctx, h.clk.Now())
}

// live counts the instances EC2 has that are not terminated.
func (f *fakeEC2) live() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.liveLocked()
}

func (f *fakeEC2) liveLocked() int {
	n := 0
	for _, in := range f.instances {
		if in.State != autoscaling.EC2Terminated {
			n++
		}
	}
	return n
}

func TestCrashAfterLaunchReconverges(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 3, 3)
	var once sync.Once
	h.ec2.afterLaunch = func() { once.Do(func() { panic("crash after the first launch") }) }
	h.crash()
	if h.ec2.launchCount() != 1 {
		t.Fatalf("%d launches before the crash", h.ec2.launchCount())
	}
	// A restarted service over the same state.
	h.svc = h.newService()
	g := h.settle("web")
	if len(instanceIDs(g, types.LifecycleStateInService)) != 3 || h.ec2.live() != 3 || h.ec2.launchCount() != 3 {
		t.Fatalf("after the restart: %v; EC2 has %d live instances from %d launches", summary(g), h.ec2.live(), h.ec2.launchCount())
	}
	if n := len(h.activities("web")); n != 3 {
		t.Errorf("%d activities, want 3", n)
	}
}

// panicky is a target group registry that crashes once after registering.
type panicky struct {
	*fakeTGs
	once sync.Once
}

func (p *panicky) Register(ctx context.Context, account, region, arn string, ids []string) error {
	err := p.fakeTGs.Register(ctx, account, region, arn, ids)
	p.once.Do(func() { panic("crash after registering") })
	return err
}

func TestCrashAfterRegisterReconverges(t *testing.T) {
	h := newHarness(t)
	p := &panicky{fakeTGs: h.tgs}
	h.svc = h.newService(func(c *autoscaling.Config) { c.TargetGroups = p })
	h.create("web", 0, 3, 2, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
	h.reconcile()
	h.ec2.runAll()
	h.crash()
	if g := h.group("web"); len(instanceIDs(g, types.LifecycleStateInService)) != 0 {
		t.Fatalf("InService before registration was recorded: %v", summary(g))
	}
	h.svc = h.newService()
	g := h.settle("web")
	if got := instanceIDs(g, types.LifecycleStateInService); len(got) != 2 || !reflect.DeepEqual(h.tgs.members(tgA), got) {
		t.Fatalf("after the restart: %v, registered %v", summary(g), h.tgs.members(tgA))
	}
}

func TestLaunchFailureBacksOff(t *testing.T) {
	h := newHarness(t)
	h.ec2.failLaunch = errors.New("InsufficientInstanceCapacity: no capacity")
	h.create("web", 0, 3, 2)
	h.reconcile()
	acts := h.activities("web")
	if len(acts) != 2 {
		t.Fatalf("%d activities, want 2 failed launches", len(acts))
	}
	a := acts[0]
	if a.StatusCode != types.ScalingActivityStatusCodeFailed || aws.ToString(a.StatusMessage) != "InsufficientInstanceCapacity: no capacity" ||
		aws.ToString(a.Description) != "Launching a new EC2 instance.  Status Reason: InsufficientInstanceCapacity: no capacity Launching EC2 instance failed." {
		t.Errorf("failed activity = %s %q %q", a.StatusCode, aws.ToString(a.StatusMessage), aws.ToString(a.Description))
	}
	h.reconcile()
	h.clk.Step(9 * time.Second)
	h.reconcile()
	if n := len(h.activities("web")); n != 2 {
		t.Fatalf("retried within the backoff: %d activities", n)
	}
	h.clk.Step(time.Second)
	h.reconcile()
	if n := len(h.activities("web")); n != 4 {
		t.Fatalf("after 10s: %d activities, want 4", n)
	}
	h.ec2.failLaunch = nil
	h.clk.Step(19 * time.Second)
	h.reconcile()
	if g := h.group("web"); len(g.Instances) != 0 {
		t.Fatalf("retried within the doubled backoff: %v", summary(g))
	}
	h.clk.Step(time.Second)
	if g := h.settle("web"); len(instanceIDs(g, types.LifecycleStateInService)) != 2 {
		t.Fatalf("after the backoff: %v", summary(g))
	}
}

func TestStartLoopReactsToRequests(t *testing.T) {
	h := newHarness(t)
	h.ec2.mu.Lock()
	h.ec2.autoRun = true
	h.ec2.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := h.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer h.svc.Close()
	h.create("web", 0, 3, 2)
	// The loop runs a round at once after the request; instances are
	// running as soon as they launch, so two rounds bring them InService
	// (the second on the clock).
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if len(instanceIDs(h.group("web"), types.LifecycleStateInService)) == 2 {
			return
		}
		h.clk.Step(autoscaling.DefaultInterval)
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("the loop did not bring the group to capacity: %v", summary(h.group("web")))
}
