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
		{"RunInstances", "ImageId=ami-0123456789abcdef0&InstanceType=t3.micro&MinCount=1&MaxCount=2&SubnetId=subnet-1&UserData=aGk%3D&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=a&TagSpecification.1.Tag.1.Value=b"},
		{"RunInstances", "MinCount=1&MaxCount=99999999999&LaunchTemplate.LaunchTemplateName=x&LaunchTemplate.Version=$Latest&NetworkInterface.1.DeviceIndex=0&NetworkInterface.1.SecurityGroupId.1=sg-1&BlockDeviceMapping.1.DeviceName=/dev/xvda&BlockDeviceMapping.1.Ebs.VolumeSize=-1"},
		{"DescribeInstances", "Filter.1.Name=tag:Name&Filter.1.Value.1=*&Filter.2.Name=instance-state-name&Filter.2.Value.1=running&MaxResults=5"},
		{"DescribeInstanceStatus", "IncludeAllInstances=true&InstanceId.1=i-0123456789abcdef0"},
		{"TerminateInstances", "InstanceId.1=i-0123456789abcdef0&InstanceId.2=i-x"},
		{"StopInstances", "InstanceId.1=i-0123456789abcdef0&Force=maybe"},
		{"ModifyInstanceAttribute", "InstanceId=i-0123456789abcdef0&InstanceType.Value=t3.large"},
		{"DescribeInstanceAttribute", "InstanceId=i-0123456789abcdef0&Attribute=userData"},
		{"CreateLaunchTemplate", "LaunchTemplateName=abc&LaunchTemplateData.ImageId=ami-1&LaunchTemplateData.NetworkInterface.1.SecurityGroupId.1=sg-1&LaunchTemplateData.TagSpecification.1.Tag.01.Key=k&LaunchTemplateData.Bogus=1"},
		{"CreateLaunchTemplateVersion", "LaunchTemplateName=abc&SourceVersion=$Latest&LaunchTemplateData.InstanceType=m5.large"},
		{"DescribeLaunchTemplateVersions", "LaunchTemplateName=abc&LaunchTemplateVersion.1=$Default&MinVersion=0"},
		{"DeleteLaunchTemplateVersions", "LaunchTemplateName=abc&LaunchTemplateVersion.1=1&LaunchTemplateVersion.2=x"},
		{"CreateVolume", "AvailabilityZone=us-east-1a&Size=100&VolumeType=io2&Iops=5000"},
		{"AttachVolume", "VolumeId=vol-0123456789abcdef0&InstanceId=i-0123456789abcdef0&Device=/dev/sdf"},
		{"ModifyVolume", "VolumeId=vol-0123456789abcdef0&Size=10&VolumeType=gp3&Throughput=2000"},
		{"DescribeVolumesModifications", "Filter.1.Name=modification-state&Filter.1.Value.1=completed"},
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
