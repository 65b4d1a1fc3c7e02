package ec2_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// computeCfg has round delays for stepping the clock.
var computeCfg = fakeec2.Config{
	InstanceBootDelay: 20 * time.Second, InstanceStopDelay: 30 * time.Second,
	InstanceTerminateDelay: 40 * time.Second, TerminatedRetention: time.Hour, VolumeDelay: 5 * time.Second,
}

// net is a VPC with one subnet in us-east-1a.
type netw struct {
	vpc, subnet string
}

func (h *harness) network(t testing.TB) netw {
	t.Helper()
	v := h.createVpc(t, h.ec2, "10.0.0.0/16")
	s := h.createSubnet(t, h.ec2, aws.ToString(v.VpcId), "10.0.1.0/24", "us-east-1a")
	return netw{aws.ToString(v.VpcId), aws.ToString(s.SubnetId)}
}

// ami is an x86_64 Amazon Linux image of the catalogue.
func (h *harness) ami(t testing.TB) string {
	t.Helper()
	out := must[*ec2.DescribeImagesOutput](t)(h.ec2.DescribeImages(ctx, &ec2.DescribeImagesInput{
		Owners:  []string{"amazon"},
		Filters: []types.Filter{filter("name", "al2023-ami-*"), filter("architecture", "x86_64")},
	}))
	if len(out.Images) == 0 {
		t.Fatal("no al2023 x86_64 image in the catalogue")
	}
	return aws.ToString(out.Images[0].ImageId)
}

// run launches n instances of t3.micro in the subnet.
func (h *harness) run(t testing.TB, subnet, ami string, n int32, kv ...string) []types.Instance {
	t.Helper()
	in := &ec2.RunInstancesInput{
		ImageId: aws.String(ami), InstanceType: types.InstanceTypeT3Micro, MinCount: aws.Int32(n), MaxCount: aws.Int32(n),
		SubnetId: aws.String(subnet),
	}
	if len(kv) > 0 {
		in.TagSpecifications = tagSpec(types.ResourceTypeInstance, kv...)
	}
	return must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, in)).Instances
}

// instance describes one instance.
func (h *harness) instance(t testing.TB, id string) types.Instance {
	t.Helper()
	out := must[*ec2.DescribeInstancesOutput](t)(h.ec2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}}))
	if len(out.Reservations) != 1 || len(out.Reservations[0].Instances) != 1 {
		t.Fatalf("DescribeInstances %s: %d reservations", id, len(out.Reservations))
	}
	return out.Reservations[0].Instances[0]
}

func (h *harness) state(t testing.TB, id string) types.InstanceStateName {
	t.Helper()
	return h.instance(t, id).State.Name
}

// recorder is a runtime that records events and reports what it is told.
type recorder struct {
	mu     sync.Mutex
	events []compute.Event
	status map[string]compute.Status
	def    compute.Status
}

func newRecorder(def compute.Status) *recorder {
	return &recorder{status: map[string]compute.Status{}, def: def}
}

func (r *recorder) Notify(_ context.Context, ev compute.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	return nil
}

func (r *recorder) Status(id string) compute.Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, ok := r.status[id]; ok {
		return st
	}
	return r.def
}

func (r *recorder) set(id string, st compute.Status) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status[id] = st
}

func (r *recorder) kinds() []compute.EventKind {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []compute.EventKind
	for _, e := range r.events {
		out = append(out, e.Kind)
	}
	return out
}

var _ compute.Runtime = (*recorder)(nil)
