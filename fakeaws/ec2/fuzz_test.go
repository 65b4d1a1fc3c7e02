package ec2_test

import (
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	clocktesting "k8s.io/utils/clock/testing"
)

// FuzzEC2Query sends arbitrary form parameters to every EC2 action
// (action index past the table: the raw body alone) and checks that the
// answer is always one well-formed EC2 document: a 200 <ActionResponse>
// or a client error in <Response><Errors>. A panic or a 5xx fails.
func FuzzEC2Query(f *testing.F) {
	names := actionNames()
	index := map[string]uint8{}
	for i, n := range names {
		index[n] = uint8(i)
	}
	seeds := []struct {
		action string
		params string
	}{
		{"CreateVpc", "CidrBlock=10.0.0.0/16&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=x"},
		{"CreateVpc", "CidrBlock=10.0.0.0/33"},
		{"DescribeVpcs", "Filter.1.Name=tag:Name&Filter.1.Value.1=*x?&Filter.2.Name=cidr&Filter.2.Value.1=10.0.0.0/16"},
		{"DescribeVpcs", "MaxResults=5&NextToken=ZWMyOnZwYy0x"},
		{"DescribeVpcs", "VpcId.1=vpc-0123456789abcdef0&VpcId.99999999999999999999=x"},
		{"CreateSubnet", "VpcId=vpc-1&CidrBlock=10.0.0.0/24&AvailabilityZone=us-east-1a"},
		{"DescribeSubnets", "Filter.1.Name=tag-key&Filter.1.Value.1=\\*"},
		{"CreateSecurityGroup", "GroupName=g&GroupDescription=d&VpcId=vpc-1"},
		{"AuthorizeSecurityGroupIngress", "GroupId=sg-1&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=-5&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0"},
		{"CreateRoute", "RouteTableId=rtb-1&DestinationCidrBlock=0.0.0.0/0&GatewayId=local"},
		{"ImportKeyPair", "KeyName=k&PublicKeyMaterial=c3NoLXJzYSBBQUFB"},
		{"CreateTags", "ResourceId.1=vpc-1&Tag.1.Key=a&Tag.1.Value=b"},
		{"DescribeTags", "MaxResults=5&Filter.1.Name=resource-type&Filter.1.Value.1=vpc"},
		{"DescribeImages", "Owner.1=amazon&Filter.1.Name=name&Filter.1.Value.1=al2023-*&MaxResults=6"},
		{"DescribeInstanceTypes", "InstanceType.1=t3.micro&MaxResults=200"},
		{"CreateNatGateway", "SubnetId=subnet-1&ConnectivityType=private"},
		{"DescribeInstanceTypeOfferings", "LocationType=availability-zone-id&Filter.1.Name=location&Filter.1.Value.1=use1-az?"},
		{"", "Action=Frobnicate"},
		{"", "%zz=&&&="},
		{"", ""},
	}
	for _, s := range seeds {
		i, ok := index[s.action]
		if !ok {
			i = 255
		}
		f.Add(i, s.params)
	}
	clk := clocktesting.NewFakeClock(epoch)
	srv := fakeawstest.Start(f, fakeaws.WithSeed(1), fakeaws.WithClock(clk), fakeaws.WithAuth(false),
		fakeaws.WithEC2Config(fakeec2.Config{VpcLimit: -1, ElasticIPLimit: -1}))
	f.Fuzz(func(t *testing.T, action uint8, params string) {
		body := params
		if int(action) < len(names) {
			body = "Action=" + names[action] + "&Version=2016-11-15&" + params
		}
		status, raw := post(t, srv, body)
		checkAnswer(t, status, raw)
	})
}
