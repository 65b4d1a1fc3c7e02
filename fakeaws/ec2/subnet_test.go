package ec2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func TestCreateSubnet(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	sub := h.createSubnet(t, h.ec2, vpcID, "10.0.1.0/24", "us-east-1b", "Name", "a")
	if !reSubnetID.MatchString(aws.ToString(sub.SubnetId)) {
		t.Fatalf("SubnetId %q", aws.ToString(sub.SubnetId))
	}
	if aws.ToString(sub.AvailabilityZone) != "us-east-1b" || aws.ToString(sub.AvailabilityZoneId) != "use1-az1" ||
		aws.ToInt32(sub.AvailableIpAddressCount) != 251 || sub.State != types.SubnetStateAvailable ||
		aws.ToString(sub.VpcId) != vpcID || aws.ToBool(sub.MapPublicIpOnLaunch) || aws.ToBool(sub.DefaultForAz) ||
		aws.ToString(sub.SubnetArn) != "arn:aws:ec2:us-east-1:"+account+":subnet/"+aws.ToString(sub.SubnetId) ||
		tagMap(sub.Tags)["Name"] != "a" {
		t.Fatalf("CreateSubnet = %+v", sub)
	}
	byID := h.createSubnet(t, h.ec2, vpcID, "10.0.2.0/28", "")
	if aws.ToInt32(byID.AvailableIpAddressCount) != 11 {
		t.Fatalf("a /28 has %d addresses available, want 11", aws.ToInt32(byID.AvailableIpAddressCount))
	}
	zid := must[*ec2.CreateSubnetOutput](t)(h.ec2.CreateSubnet(ctx, &ec2.CreateSubnetInput{
		VpcId: aws.String(vpcID), CidrBlock: aws.String("10.0.3.0/24"), AvailabilityZoneId: aws.String("use1-az4"),
	})).Subnet
	if aws.ToString(zid.AvailabilityZone) != "us-east-1d" {
		t.Fatalf("use1-az4 is %s, want us-east-1d", aws.ToString(zid.AvailabilityZone))
	}
	// The default network ACL takes the new subnets.
	acl := must[*ec2.DescribeNetworkAclsOutput](t)(h.ec2.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{
		Filters: []types.Filter{filter("association.subnet-id", aws.ToString(sub.SubnetId))},
	}))
	if len(acl.NetworkAcls) != 1 || !aws.ToBool(acl.NetworkAcls[0].IsDefault) || len(acl.NetworkAcls[0].Associations) != 3 {
		t.Fatalf("subnet's ACL = %+v", acl.NetworkAcls)
	}

	for _, tc := range []struct {
		name, cidr, az, azID, code, msg string
	}{
		{"outside the VPC", "10.1.0.0/24", "us-east-1a", "", "InvalidSubnet.Range", "The CIDR '10.1.0.0/24' is invalid."},
		{"larger than the VPC", "10.0.0.0/15", "us-east-1a", "", "InvalidSubnet.Range", ""},
		{"too small", "10.0.9.0/29", "us-east-1a", "", "InvalidSubnet.Range", ""},
		{"overlap", "10.0.1.128/25", "us-east-1a", "", "InvalidSubnet.Conflict", "The CIDR '10.0.1.128/25' conflicts with another subnet"},
		{"overlap wider", "10.0.0.0/22", "us-east-1a", "", "InvalidSubnet.Conflict", ""},
		{"zone of another region", "10.0.9.0/24", "us-west-2a", "", "InvalidParameterValue", "us-east-1a, us-east-1b"},
		{"unknown zone id", "10.0.9.0/24", "", "usw2-az1", "InvalidParameterValue", "availabilityZoneId"},
		{"bad cidr", "10.0.9.0", "us-east-1a", "", "InvalidParameterValue", "not a valid CIDR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String(tc.cidr)}
			if tc.az != "" {
				in.AvailabilityZone = aws.String(tc.az)
			}
			if tc.azID != "" {
				in.AvailabilityZoneId = aws.String(tc.azID)
			}
			_, err := h.ec2.CreateSubnet(ctx, in)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	_, err := h.ec2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String("vpc-0123456789abcdef0"), CidrBlock: aws.String("10.0.0.0/24")})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
	// Another VPC may reuse the address range.
	other := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	h.createSubnet(t, h.ec2, other, "10.0.1.0/24", "us-east-1a")
}

func TestDescribeSubnets(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcA := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	vpcB := aws.ToString(h.createVpc(t, h.ec2, "10.1.0.0/16").VpcId)
	pubA := h.createSubnet(t, h.ec2, vpcA, "10.0.0.0/24", "us-east-1a", "kubernetes.io/role/elb", "1", "Name", "utility-a")
	privA := h.createSubnet(t, h.ec2, vpcA, "10.0.32.0/19", "us-east-1a", "kubernetes.io/role/internal-elb", "1", "Name", "private-a")
	privB := h.createSubnet(t, h.ec2, vpcB, "10.1.32.0/19", "us-east-1c", "Name", "private-c")
	ids := func(out *ec2.DescribeSubnetsOutput) []string {
		var s []string
		for _, x := range out.Subnets {
			s = append(s, aws.ToString(x.SubnetId))
		}
		return s
	}
	for _, tc := range []struct {
		name    string
		filters []types.Filter
		want    []string
	}{
		{"vpc", []types.Filter{filter("vpc-id", vpcA)}, []string{aws.ToString(pubA.SubnetId), aws.ToString(privA.SubnetId)}},
		{"zone", []types.Filter{filter("availability-zone", "us-east-1c")}, []string{aws.ToString(privB.SubnetId)}},
		{"zone id", []types.Filter{filter("availability-zone-id", "use1-az6")}, []string{aws.ToString(pubA.SubnetId), aws.ToString(privA.SubnetId)}},
		{"tag-key", []types.Filter{filter("tag-key", "kubernetes.io/role/elb")}, []string{aws.ToString(pubA.SubnetId)}},
		{"name wildcard and vpc", []types.Filter{filter("tag:Name", "private-*"), filter("vpc-id", vpcB)}, []string{aws.ToString(privB.SubnetId)}},
		{"cidr-block", []types.Filter{filter("cidr-block", "10.0.32.0/19")}, []string{aws.ToString(privA.SubnetId)}},
		{"available count", []types.Filter{filter("available-ip-address-count", "251")}, []string{aws.ToString(pubA.SubnetId)}},
		{"default-for-az", []types.Filter{filter("default-for-az", "true")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(must[*ec2.DescribeSubnetsOutput](t)(h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: tc.filters})))
			if !sameSet(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	_, err := h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-0123456789abcdef0"}})
	wantErr(t, err, "InvalidSubnetID.NotFound", "The subnet ID 'subnet-0123456789abcdef0' does not exist")
	_, err = h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"sub-1"}})
	wantErr(t, err, "InvalidSubnetID.Malformed", `Invalid id: "sub-1"`)
}

func TestModifySubnetAttribute(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	id := aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.0.0/24", "us-east-1a").SubnetId)
	must[*ec2.ModifySubnetAttributeOutput](t)(h.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{
		SubnetId: aws.String(id), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	}))
	must[*ec2.ModifySubnetAttributeOutput](t)(h.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{
		SubnetId: aws.String(id), PrivateDnsHostnameTypeOnLaunch: types.HostnameTypeResourceName,
	}))
	sub := must[*ec2.DescribeSubnetsOutput](t)(h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{
		Filters: []types.Filter{filter("map-public-ip-on-launch", "true")},
	})).Subnets
	if len(sub) != 1 || sub[0].PrivateDnsNameOptionsOnLaunch.HostnameType != types.HostnameTypeResourceName {
		t.Fatalf("modified subnet = %+v", sub)
	}
	_, err := h.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{
		SubnetId: aws.String(id), AssignIpv6AddressOnCreation: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	})
	wantErr(t, err, "InvalidParameterValue", "IPv6 CIDR block")
	_, err = h.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(id)})
	wantErr(t, err, "InvalidParameterCombination", "")
	_, err = h.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{
		SubnetId: aws.String("subnet-0123456789abcdef0"), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	})
	wantErr(t, err, "InvalidSubnetID.NotFound", "")
}

func sameSet(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	m := map[string]int{}
	for _, g := range got {
		m[g]++
	}
	for _, w := range want {
		if m[w] == 0 {
			return false
		}
		m[w]--
	}
	return true
}
