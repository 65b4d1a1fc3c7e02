package ec2_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// BenchmarkDescribeVpcs lists 50 tagged VPCs through the SDK (the VPC
// quota raised for it), whole and filtered by a tag wildcard.
func BenchmarkDescribeVpcs(b *testing.B) {
	h := start(b, fakeec2.Config{VpcLimit: 60})
	for i := 0; i < 50; i++ {
		h.createVpc(b, h.ec2, fmt.Sprintf("10.%d.0.0/16", i), "Name", fmt.Sprintf("vpc-%02d", i), "KubernetesCluster", fmt.Sprintf("c%d.example.com", i%5))
	}
	for _, bc := range []struct {
		name string
		in   ec2.DescribeVpcsInput
		want int
	}{
		{"all", ec2.DescribeVpcsInput{}, 50},
		{"tag-wildcard", ec2.DescribeVpcsInput{Filters: []types.Filter{filter("tag:KubernetesCluster", "c3.*")}}, 10},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				in := bc.in
				out, err := h.ec2.DescribeVpcs(ctx, &in)
				if err != nil {
					b.Fatal(err)
				}
				if len(out.Vpcs) != bc.want {
					b.Fatalf("%d VPCs, want %d", len(out.Vpcs), bc.want)
				}
			}
		})
	}
}

// BenchmarkDescribeSubnetsTagFilter finds the 64 public subnets among 256
// of a VPC by tag, as kOps and the AWS load balancer controller do:
// through the SDK, and as a raw form POST (fakeaws's share alone).
func BenchmarkDescribeSubnetsTagFilter(b *testing.B) {
	h := start(b, fakeec2.Config{}, fakeaws.WithAuth(false))
	vpcID := aws.ToString(h.createVpc(b, h.ec2, "10.0.0.0/16").VpcId)
	for i := 0; i < 256; i++ {
		role := "kubernetes.io/role/internal-elb"
		if i%4 == 0 {
			role = "kubernetes.io/role/elb"
		}
		h.createSubnet(b, h.ec2, vpcID, fmt.Sprintf("10.0.%d.0/24", i), "", role, "1", "kubernetes.io/cluster/k.example.com", "shared")
	}
	in := &ec2.DescribeSubnetsInput{Filters: []types.Filter{
		filter("vpc-id", vpcID), filter("tag:kubernetes.io/role/elb", "1"), filter("tag-key", "kubernetes.io/cluster/*"),
	}}
	b.Run("sdk", func(b *testing.B) {
		for b.Loop() {
			out, err := h.ec2.DescribeSubnets(ctx, in)
			if err != nil {
				b.Fatal(err)
			}
			if len(out.Subnets) != 64 {
				b.Fatalf("%d subnets, want 64", len(out.Subnets))
			}
		}
	})
	body := "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=" + vpcID +
		"&Filter.2.Name=tag%3Akubernetes.io%2Frole%2Felb&Filter.2.Value.1=1&Filter.3.Name=tag-key&Filter.3.Value.1=kubernetes.io%2Fcluster%2F*"
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			status, raw := post(b, h.srv, body)
			if status != 200 || strings.Count(string(raw), "<subnetId>") != 64 {
				b.Fatalf("status %d, %d subnets", status, strings.Count(string(raw), "<subnetId>"))
			}
		}
	})
}
