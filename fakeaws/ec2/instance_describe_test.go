package ec2_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestDescribeInstancesFiltersAndPaging(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	second := h.createSubnet(t, h.ec2, n.vpc, "10.0.2.0/24", "us-east-1b")
	ami := h.ami(t)
	for i := 0; i < 12; i++ {
		h.run(t, n.subnet, ami, 10, "batch", fmt.Sprint(i%3))
	}
	h.run(t, aws.ToString(second.SubnetId), ami, 1, "batch", "x")
	h.clk.Step(time.Minute)
	count := func(fs ...types.Filter) int {
		p := ec2.NewDescribeInstancesPaginator(h.ec2, &ec2.DescribeInstancesInput{Filters: fs, MaxResults: aws.Int32(50)})
		total, pages := 0, 0
		for p.HasMorePages() {
			out := must[*ec2.DescribeInstancesOutput](t)(p.NextPage(ctx))
			pages++
			for _, r := range out.Reservations {
				total += len(r.Instances)
			}
		}
		return total
	}
	cases := []struct {
		name    string
		filters []types.Filter
		want    int
	}{
		{"all", nil, 121},
		{"tag", []types.Filter{filter("tag:batch", "1")}, 40},
		{"tag wildcard", []types.Filter{filter("tag:batch", "?")}, 121},
		{"tag-key", []types.Filter{filter("tag-key", "batch")}, 121},
		{"state", []types.Filter{filter("instance-state-name", "running")}, 121},
		{"state pending", []types.Filter{filter("instance-state-name", "pending")}, 0},
		{"vpc", []types.Filter{filter("vpc-id", n.vpc)}, 121},
		{"subnet", []types.Filter{filter("subnet-id", aws.ToString(second.SubnetId))}, 1},
		{"az", []types.Filter{filter("availability-zone", "us-east-1b")}, 1},
		{"ip", []types.Filter{filter("private-ip-address", "10.0.1.4")}, 1},
		{"type", []types.Filter{filter("instance-type", "t3.micro")}, 121},
		{"tag and subnet", []types.Filter{filter("tag:batch", "x"), filter("subnet-id", n.subnet)}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := count(c.filters...); got != c.want {
				t.Fatalf("%d instances, want %d", got, c.want)
			}
		})
	}
	// Private addresses are unique.
	out := must[*ec2.DescribeInstancesOutput](t)(h.ec2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{}))
	seen := map[string]bool{}
	for _, r := range out.Reservations {
		for _, x := range r.Instances {
			ip := aws.ToString(x.PrivateIpAddress)
			if seen[ip] {
				t.Fatalf("address %s given twice", ip)
			}
			seen[ip] = true
		}
	}
	if len(out.Reservations) != 13 {
		t.Fatalf("%d reservations, want 13", len(out.Reservations))
	}
	_, err := h.ec2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []types.Filter{filter("nope", "x")}})
	wantErr(t, err, "InvalidParameterValue", "nope")
	_, err = h.ec2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(2)})
	wantErr(t, err, "InvalidParameterValue", "")
}

func TestAddressesFreedAndDependencies(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	sg := h.createGroup(t, n.vpc, "nodes")
	out := must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: aws.String(h.ami(t)), InstanceType: types.InstanceTypeT3Micro, MinCount: aws.Int32(2), MaxCount: aws.Int32(2),
		SubnetId: aws.String(n.subnet), SecurityGroupIds: []string{sg},
	}))
	ids := []string{aws.ToString(out.Instances[0].InstanceId), aws.ToString(out.Instances[1].InstanceId)}
	eni := aws.ToString(out.Instances[0].NetworkInterfaces[0].NetworkInterfaceId)
	_, err := h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(n.subnet)})
	wantErr(t, err, "DependencyViolation", n.subnet)
	_, err = h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(sg)})
	wantErr(t, err, "DependencyViolation", sg)
	_, err = h.ec2.DeleteNetworkInterface(ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String(eni)})
	wantErr(t, err, "InvalidNetworkInterface.InUse", eni)
	e := must[*ec2.DescribeNetworkInterfacesOutput](t)(h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{
		Filters: []types.Filter{filter("attachment.instance-id", ids[0])},
	})).NetworkInterfaces
	if len(e) != 1 || e[0].Status != types.NetworkInterfaceStatusInUse || aws.ToString(e[0].Groups[0].GroupId) != sg ||
		aws.ToString(e[0].PrivateIpAddress) != "10.0.1.4" || e[0].Attachment.Status != types.AttachmentStatusAttached {
		t.Fatalf("instance interface %+v", e)
	}
	must[*ec2.TerminateInstancesOutput](t)(h.ec2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[:1]}))
	h.clk.Step(time.Minute)
	again := h.run(t, n.subnet, h.ami(t), 1)
	if ip := aws.ToString(again[0].PrivateIpAddress); ip != "10.0.1.4" {
		t.Fatalf("freed address not reused: got %s", ip)
	}
	must[*ec2.TerminateInstancesOutput](t)(h.ec2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{ids[1], aws.ToString(again[0].InstanceId)}}))
	h.clk.Step(time.Minute)
	must[*ec2.DeleteSecurityGroupOutput](t)(h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(sg)}))
	must[*ec2.DeleteSubnetOutput](t)(h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(n.subnet)}))
}
