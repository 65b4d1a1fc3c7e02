package ec2_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// BenchmarkRunInstances launches one instance per iteration through the
// SDK (into a /16 subnet, so addresses last).
func BenchmarkRunInstances(b *testing.B) {
	h := start(b, computeCfg)
	vpc := h.createVpc(b, h.ec2, "10.0.0.0/16")
	sub := aws.ToString(h.createSubnet(b, h.ec2, aws.ToString(vpc.VpcId), "10.0.0.0/16", "us-east-1a").SubnetId)
	ami := h.ami(b)
	for b.Loop() {
		h.run(b, sub, ami, 1, "Name", "bench")
	}
}

// BenchmarkDescribeInstancesTagFilter finds the 10 instances of one
// cluster among 100 by tag through the SDK.
func BenchmarkDescribeInstancesTagFilter(b *testing.B) {
	h := start(b, computeCfg)
	n := h.network(b)
	ami := h.ami(b)
	for i := 0; i < 10; i++ {
		h.run(b, n.subnet, ami, 10, "KubernetesCluster", fmt.Sprintf("c%d.example.com", i))
	}
	in := &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("tag:KubernetesCluster", "c3.example.com")}}
	for b.Loop() {
		out, err := h.ec2.DescribeInstances(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if got := len(out.Reservations[0].Instances); got != 10 {
			b.Fatalf("%d instances, want 10", got)
		}
	}
}
