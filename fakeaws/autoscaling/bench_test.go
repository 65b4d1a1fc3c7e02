package autoscaling_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
)

// BenchmarkReconcile measures one round over 50 groups of 3 InService
// instances each: the steady state of a sandbox.
func BenchmarkReconcile(b *testing.B) {
	h := newHarness(b)
	h.ec2.autoRun = true
	for i := range 50 {
		h.create(fmt.Sprintf("g%02d", i), 3, 6, 3, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
	}
	for range 3 {
		h.reconcile()
	}
	if n := len(h.tgs.members(tgA)); n != 150 {
		b.Fatalf("%d instances registered, want 150", n)
	}
	b.ResetTimer()
	for range b.N {
		h.clk.Step(10 * time.Second)
		h.reconcile()
	}
	b.StopTimer()
	if n := h.ec2.launchCount(); n != 150 {
		b.Fatalf("%d launches, want 150", n)
	}
}

// BenchmarkReconcileScaleOut measures rounds that take 50 groups from 0
// to 3 instances and back.
func BenchmarkReconcileScaleOut(b *testing.B) {
	h := newHarness(b)
	h.ec2.autoRun = true
	for i := range 50 {
		h.create(fmt.Sprintf("g%02d", i), 0, 6, 0)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		desired := int32(3 * ((i + 1) % 2))
		for g := range 50 {
			if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String(fmt.Sprintf("g%02d", g)), DesiredCapacity: aws.Int32(desired)}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		h.reconcile()
	}
}
