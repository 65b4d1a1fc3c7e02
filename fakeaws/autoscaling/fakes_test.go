package autoscaling_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
	"k8s.io/utils/clock"
)

// fakeEC2 is an EC2 whose instances change state only when a test says
// so (or at once with autoRun).
type fakeEC2 struct {
	mu        sync.Mutex
	clk       clock.PassiveClock
	seq       int
	instances map[string]*autoscaling.Instance
	tokens    map[string]string
	templates []*fakeTemplate
	subnets   map[string]autoscaling.Subnet
	launches  []autoscaling.LaunchSpec
	// autoRun makes launched instances running at once.
	autoRun bool
	// failLaunch, when set, fails every launch.
	failLaunch error
	// quota, when set, is how many live instances EC2 allows.
	quota int
	// failDescribe, when set, fails Instances.
	failDescribe error
	// afterLaunch runs after an instance is created, before Launch
	// returns (to simulate a crash there).
	afterLaunch func()
}

type fakeTemplate struct {
	id, name      string
	latest, deflt int64
}

func newFakeEC2(clk clock.PassiveClock) *fakeEC2 {
	f := &fakeEC2{
		clk:       clk,
		instances: map[string]*autoscaling.Instance{},
		tokens:    map[string]string{},
		subnets: map[string]autoscaling.Subnet{
			"subnet-a": {ID: "subnet-a", AvailabilityZone: "us-east-1a", VpcID: "vpc-1"},
			"subnet-b": {ID: "subnet-b", AvailabilityZone: "us-east-1b", VpcID: "vpc-1"},
			"subnet-c": {ID: "subnet-c", AvailabilityZone: "us-east-1c", VpcID: "vpc-1"},
			"subnet-x": {ID: "subnet-x", AvailabilityZone: "us-east-1a", VpcID: "vpc-2"},
		},
	}
	f.templates = append(f.templates, &fakeTemplate{id: "lt-0123456789abcdef0", name: "web", latest: 1, deflt: 1})
	return f
}

func (f *fakeEC2) template(ref autoscaling.TemplateRef) *fakeTemplate {
	for _, t := range f.templates {
		if ref.ID != "" && t.id == ref.ID || ref.ID == "" && ref.Name != "" && t.name == ref.Name {
			return t
		}
	}
	return nil
}

func (f *fakeEC2) LaunchTemplate(_ context.Context, _, _ string, ref autoscaling.TemplateRef) (autoscaling.LaunchTemplate, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.template(ref)
	if t == nil {
		return autoscaling.LaunchTemplate{}, false, nil
	}
	v := t.deflt
	switch ref.Version {
	case "", "$Default":
	case "$Latest":
		v = t.latest
	default:
		n, err := strconv.ParseInt(ref.Version, 10, 64)
		if err != nil || n < 1 || n > t.latest {
			return autoscaling.LaunchTemplate{}, false, nil
		}
		v = n
	}
	return autoscaling.LaunchTemplate{ID: t.id, Name: t.name, Version: v}, true, nil
}

func (f *fakeEC2) Subnets(_ context.Context, _, _ string, ids []string) ([]autoscaling.Subnet, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []autoscaling.Subnet
	for _, id := range ids {
		if sn, ok := f.subnets[id]; ok {
			out = append(out, sn)
		}
	}
	return out, nil
}

func (f *fakeEC2) Launch(_ context.Context, _, _ string, spec autoscaling.LaunchSpec) (autoscaling.Instance, error) {
	f.mu.Lock()
	if f.failLaunch != nil {
		f.mu.Unlock()
		return autoscaling.Instance{}, f.failLaunch
	}
	if id, ok := f.tokens[spec.ClientToken]; ok {
		in := *f.instances[id]
		f.mu.Unlock()
		return in, nil
	}
	if f.quota > 0 && f.liveLocked() >= f.quota {
		f.mu.Unlock()
		return autoscaling.Instance{}, errors.New("InstanceLimitExceeded: Your quota allows for 0 more running instance(s).")
	}
	if f.template(spec.LaunchTemplate) == nil {
		f.mu.Unlock()
		return autoscaling.Instance{}, errors.New("InvalidLaunchTemplateId.NotFound")
	}
	f.seq++
	id := fmt.Sprintf("i-%017x", f.seq)
	az := spec.AvailabilityZone
	vpc := ""
	if sn, ok := f.subnets[spec.SubnetID]; ok {
		az, vpc = sn.AvailabilityZone, sn.VpcID
	}
	typ := spec.InstanceType
	if typ == "" {
		typ = "t3.micro"
	}
	state := autoscaling.EC2Pending
	if f.autoRun {
		state = autoscaling.EC2Running
	}
	in := &autoscaling.Instance{
		ID: id, State: state, AvailabilityZone: az, SubnetID: spec.SubnetID, VpcID: vpc,
		InstanceType: typ, ImageID: "ami-1", LaunchTemplate: spec.LaunchTemplate, LaunchTime: f.clk.Now(),
	}
	f.instances[id] = in
	f.tokens[spec.ClientToken] = id
	f.launches = append(f.launches, spec)
	after := f.afterLaunch
	out := *in
	f.mu.Unlock()
	if after != nil {
		after()
	}
	return out, nil
}

func (f *fakeEC2) Terminate(_ context.Context, _, _ string, ids []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		if in, ok := f.instances[id]; ok {
			in.State = autoscaling.EC2Terminated
		}
	}
	return nil
}

func (f *fakeEC2) Instances(_ context.Context, _, _ string, ids []string) ([]autoscaling.Instance, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failDescribe != nil {
		return nil, f.failDescribe
	}
	var out []autoscaling.Instance
	for _, id := range ids {
		if in, ok := f.instances[id]; ok {
			out = append(out, *in)
		}
	}
	return out, nil
}

// set changes the state of instances.
func (f *fakeEC2) set(state string, ids ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		f.instances[id].State = state
	}
}

// runAll makes every pending instance running.
func (f *fakeEC2) runAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, in := range f.instances {
		if in.State == autoscaling.EC2Pending {
			in.State = autoscaling.EC2Running
		}
	}
}

func (f *fakeEC2) impair(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.instances[id].Impaired = true
}

func (f *fakeEC2) state(id string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.instances[id].State
}

// newVersion adds a version to the web template and makes it the default.
func (f *fakeEC2) newVersion() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.templates[0]
	t.latest++
	t.deflt = t.latest
	return t.latest
}

// addInstance adds a running instance not launched by any group.
func (f *fakeEC2) addInstance(subnetID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	id := fmt.Sprintf("i-%017x", f.seq)
	sn := f.subnets[subnetID]
	f.instances[id] = &autoscaling.Instance{ID: id, State: autoscaling.EC2Running, AvailabilityZone: sn.AvailabilityZone,
		SubnetID: subnetID, VpcID: sn.VpcID, InstanceType: "t3.micro", LaunchTime: f.clk.Now()}
	return id
}

func (f *fakeEC2) launchCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.launches)
}

func (f *fakeEC2) lastLaunch() autoscaling.LaunchSpec {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.launches[len(f.launches)-1]
}

// fakeTGs is a target group registry.
type fakeTGs struct {
	mu     sync.Mutex
	groups map[string]map[string]bool
	// calls logs every call: "register ARN i-…" / "deregister ARN i-…".
	calls []string
}

func newFakeTGs(arns ...string) *fakeTGs {
	f := &fakeTGs{groups: map[string]map[string]bool{}}
	for _, a := range arns {
		f.groups[a] = map[string]bool{}
	}
	return f
}

func (f *fakeTGs) Register(_ context.Context, _, _, arn string, ids []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.groups[arn]
	if !ok {
		return errors.New("TargetGroupNotFound")
	}
	for _, id := range ids {
		g[id] = true
		f.calls = append(f.calls, "register "+arn+" "+id)
	}
	return nil
}

func (f *fakeTGs) Deregister(_ context.Context, _, _, arn string, ids []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		delete(f.groups[arn], id)
		f.calls = append(f.calls, "deregister "+arn+" "+id)
	}
	return nil
}

func (f *fakeTGs) Exists(_ context.Context, _, _, arn string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.groups[arn]
	return ok, nil
}

// members lists the instances registered with arn, sorted.
func (f *fakeTGs) members(arn string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for id := range f.groups[arn] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func (f *fakeTGs) log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}
