package ec2_test

import (
	"encoding/base64"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// templateData is launch template data of the kind kOps and Terraform
// write, with every field they diff.
func templateData(ami, sg string) *types.RequestLaunchTemplateData {
	return &types.RequestLaunchTemplateData{
		ImageId: aws.String(ami), InstanceType: types.InstanceTypeT3Medium, KeyName: aws.String("k"),
		UserData:           aws.String(base64.StdEncoding.EncodeToString([]byte("#!/bin/sh\necho hi\n"))),
		IamInstanceProfile: &types.LaunchTemplateIamInstanceProfileSpecificationRequest{Name: aws.String("nodes")},
		NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{{
			AssociatePublicIpAddress: aws.Bool(true), DeleteOnTermination: aws.Bool(true), DeviceIndex: aws.Int32(0), Groups: []string{sg},
		}},
		BlockDeviceMappings: []types.LaunchTemplateBlockDeviceMappingRequest{{
			DeviceName: aws.String("/dev/xvda"),
			Ebs: &types.LaunchTemplateEbsBlockDeviceRequest{
				VolumeSize: aws.Int32(64), VolumeType: types.VolumeTypeGp3, Iops: aws.Int32(3000), Throughput: aws.Int32(125),
				Encrypted: aws.Bool(true), DeleteOnTermination: aws.Bool(true),
			},
		}},
		TagSpecifications: []types.LaunchTemplateTagSpecificationRequest{
			{ResourceType: types.ResourceTypeInstance, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("node")}, {Key: aws.String("role"), Value: aws.String("worker")}}},
			{ResourceType: types.ResourceTypeVolume, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("node-root")}}},
		},
		MetadataOptions:     &types.LaunchTemplateInstanceMetadataOptionsRequest{HttpTokens: types.LaunchTemplateHttpTokensStateRequired, HttpPutResponseHopLimit: aws.Int32(2)},
		Monitoring:          &types.LaunchTemplatesMonitoringRequest{Enabled: aws.Bool(false)},
		CreditSpecification: &types.CreditSpecificationRequest{CpuCredits: aws.String("standard")},
	}
}

func TestLaunchTemplateRoundTrip(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	sg := h.createGroup(t, n.vpc, "nodes")
	ami := h.ami(t)
	in := templateData(ami, sg)
	created := must[*ec2.CreateLaunchTemplateOutput](t)(h.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{
		LaunchTemplateName: aws.String("nodes.example.com"), LaunchTemplateData: in, VersionDescription: aws.String("first"),
		TagSpecifications: tagSpec(types.ResourceTypeLaunchTemplate, "owner", "kops"),
	})).LaunchTemplate
	if aws.ToInt64(created.DefaultVersionNumber) != 1 || aws.ToInt64(created.LatestVersionNumber) != 1 ||
		tagMap(created.Tags)["owner"] != "kops" || len(aws.ToString(created.LaunchTemplateId)) != 20 {
		t.Fatalf("created %+v", created)
	}
	v := must[*ec2.DescribeLaunchTemplateVersionsOutput](t)(h.ec2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
		LaunchTemplateId: created.LaunchTemplateId, Versions: []string{"$Latest"},
	})).LaunchTemplateVersions
	if len(v) != 1 || !aws.ToBool(v[0].DefaultVersion) || aws.ToString(v[0].VersionDescription) != "first" {
		t.Fatalf("versions %+v", v)
	}
	got := v[0].LaunchTemplateData
	ni := got.NetworkInterfaces[0]
	bd := got.BlockDeviceMappings[0]
	checks := map[string][2]any{
		"image":      {aws.ToString(got.ImageId), ami},
		"type":       {got.InstanceType, types.InstanceTypeT3Medium},
		"key":        {aws.ToString(got.KeyName), "k"},
		"user data":  {aws.ToString(got.UserData), aws.ToString(in.UserData)},
		"profile":    {aws.ToString(got.IamInstanceProfile.Name), "nodes"},
		"public ip":  {aws.ToBool(ni.AssociatePublicIpAddress), true},
		"groups":     {ni.Groups, []string{sg}},
		"device":     {aws.ToInt32(ni.DeviceIndex), int32(0)},
		"volume":     {[]any{aws.ToString(bd.DeviceName), aws.ToInt32(bd.Ebs.VolumeSize), bd.Ebs.VolumeType, aws.ToInt32(bd.Ebs.Iops), aws.ToInt32(bd.Ebs.Throughput), aws.ToBool(bd.Ebs.Encrypted)}, []any{"/dev/xvda", int32(64), types.VolumeTypeGp3, int32(3000), int32(125), true}},
		"tag specs":  {len(got.TagSpecifications), 2},
		"tags":       {tagMap(got.TagSpecifications[0].Tags), map[string]string{"Name": "node", "role": "worker"}},
		"metadata":   {[]any{got.MetadataOptions.HttpTokens, aws.ToInt32(got.MetadataOptions.HttpPutResponseHopLimit)}, []any{types.LaunchTemplateHttpTokensStateRequired, int32(2)}},
		"monitoring": {aws.ToBool(got.Monitoring.Enabled), false},
		"credits":    {aws.ToString(got.CreditSpecification.CpuCredits), "standard"},
	}
	for name, c := range checks {
		if !reflect.DeepEqual(c[0], c[1]) {
			t.Errorf("%s: got %v, want %v", name, c[0], c[1])
		}
	}
}

func TestLaunchTemplateVersions(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	sg := h.createGroup(t, n.vpc, "nodes")
	must[*ec2.ImportKeyPairOutput](t)(h.ec2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{KeyName: aws.String("k"), PublicKeyMaterial: []byte(testSSHKey)}))
	ami := h.ami(t)
	name := aws.String("nodes")
	lt := must[*ec2.CreateLaunchTemplateOutput](t)(h.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{
		LaunchTemplateName: name, LaunchTemplateData: templateData(ami, sg),
	})).LaunchTemplate
	_, err := h.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: name, LaunchTemplateData: templateData(ami, sg)})
	wantErr(t, err, "InvalidLaunchTemplateName.AlreadyExistsException", "")
	v2 := must[*ec2.CreateLaunchTemplateVersionOutput](t)(h.ec2.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{
		LaunchTemplateName: name, SourceVersion: aws.String("1"), VersionDescription: aws.String("bigger"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{InstanceType: types.InstanceTypeM5Large},
	})).LaunchTemplateVersion
	if aws.ToInt64(v2.VersionNumber) != 2 || v2.LaunchTemplateData.InstanceType != types.InstanceTypeM5Large ||
		aws.ToString(v2.LaunchTemplateData.ImageId) != ami || aws.ToBool(v2.DefaultVersion) {
		t.Fatalf("version 2 %+v", v2)
	}
	resolve := func(ver string) types.InstanceType {
		out := must[*ec2.DescribeLaunchTemplateVersionsOutput](t)(h.ec2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
			LaunchTemplateName: name, Versions: []string{ver},
		})).LaunchTemplateVersions
		return out[0].LaunchTemplateData.InstanceType
	}
	if resolve("$Default") != types.InstanceTypeT3Medium || resolve("$Latest") != types.InstanceTypeM5Large {
		t.Fatal("$Default/$Latest before ModifyLaunchTemplate")
	}
	// Instances from $Latest take the template's network, tags and data.
	run := must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(n.subnet),
		LaunchTemplate:    &types.LaunchTemplateSpecification{LaunchTemplateName: name, Version: aws.String("$Latest")},
		TagSpecifications: tagSpec(types.ResourceTypeInstance, "role", "special"),
	})).Instances[0]
	tags := tagMap(run.Tags)
	if run.InstanceType != types.InstanceTypeM5Large || aws.ToString(run.SubnetId) != n.subnet || aws.ToString(run.PublicIpAddress) == "" ||
		aws.ToString(run.SecurityGroups[0].GroupId) != sg || tags["Name"] != "node" || tags["role"] != "special" ||
		tags["aws:ec2launchtemplate:id"] != aws.ToString(lt.LaunchTemplateId) || tags["aws:ec2launchtemplate:version"] != "2" ||
		run.MetadataOptions.HttpTokens != types.HttpTokensStateRequired {
		t.Fatalf("instance from template %+v tags %v", run, tags)
	}
	root := must[*ec2.DescribeVolumesOutput](t)(h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{
		VolumeIds: []string{aws.ToString(run.BlockDeviceMappings[0].Ebs.VolumeId)},
	})).Volumes[0]
	if aws.ToInt32(root.Size) != 64 || root.VolumeType != types.VolumeTypeGp3 || !aws.ToBool(root.Encrypted) || tagMap(root.Tags)["Name"] != "node-root" {
		t.Fatalf("root volume from template %+v", root)
	}

	must[*ec2.ModifyLaunchTemplateOutput](t)(h.ec2.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{LaunchTemplateName: name, DefaultVersion: aws.String("2")}))
	if resolve("$Default") != types.InstanceTypeM5Large {
		t.Fatal("$Default after ModifyLaunchTemplate")
	}
	_, err = h.ec2.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{LaunchTemplateName: name, DefaultVersion: aws.String("9")})
	wantErr(t, err, "InvalidLaunchTemplateId.VersionNotFound", "")
	del := must[*ec2.DeleteLaunchTemplateVersionsOutput](t)(h.ec2.DeleteLaunchTemplateVersions(ctx, &ec2.DeleteLaunchTemplateVersionsInput{
		LaunchTemplateName: name, Versions: []string{"1", "2", "7"},
	}))
	if len(del.SuccessfullyDeletedLaunchTemplateVersions) != 1 || aws.ToInt64(del.SuccessfullyDeletedLaunchTemplateVersions[0].VersionNumber) != 1 ||
		len(del.UnsuccessfullyDeletedLaunchTemplateVersions) != 2 {
		t.Fatalf("DeleteLaunchTemplateVersions %+v", del)
	}
	all := must[*ec2.DescribeLaunchTemplateVersionsOutput](t)(h.ec2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{LaunchTemplateName: name}))
	if len(all.LaunchTemplateVersions) != 1 || aws.ToInt64(all.LaunchTemplateVersions[0].VersionNumber) != 2 {
		t.Fatalf("versions left %+v", all.LaunchTemplateVersions)
	}

	_, err = h.ec2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateNames: []string{"missing"}})
	wantErr(t, err, "InvalidLaunchTemplateName.NotFoundException", "")
	_, err = h.ec2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{"lt-0123456789abcdef0"}})
	wantErr(t, err, "InvalidLaunchTemplateId.NotFound", "lt-0123456789abcdef0")
	_, err = h.ec2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{"lt-x"}})
	wantErr(t, err, "InvalidLaunchTemplateId.Malformed", "")
	_, err = h.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("a"), LaunchTemplateData: &types.RequestLaunchTemplateData{}})
	wantErr(t, err, "InvalidLaunchTemplateName.MalformedException", "")
	found := must[*ec2.DescribeLaunchTemplatesOutput](t)(h.ec2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{
		Filters: []types.Filter{filter("launch-template-name", "no*")},
	})).LaunchTemplates
	if len(found) != 1 || aws.ToInt64(found[0].DefaultVersionNumber) != 2 || aws.ToInt64(found[0].LatestVersionNumber) != 2 {
		t.Fatalf("DescribeLaunchTemplates %+v", found)
	}
	must[*ec2.DeleteLaunchTemplateOutput](t)(h.ec2.DeleteLaunchTemplate(ctx, &ec2.DeleteLaunchTemplateInput{LaunchTemplateId: lt.LaunchTemplateId}))
	_, err = h.ec2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{LaunchTemplateName: name})
	wantErr(t, err, "InvalidLaunchTemplateName.NotFoundException", "")
	h.clk.Step(time.Second)
}

func TestLaunchTemplatePaging(t *testing.T) {
	h := start(t, computeCfg)
	for i := 0; i < 7; i++ {
		must[*ec2.CreateLaunchTemplateOutput](t)(h.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{
			LaunchTemplateName: aws.String("lt-" + string(rune('a'+i)) + "xx"), LaunchTemplateData: &types.RequestLaunchTemplateData{},
		}))
	}
	p := ec2.NewDescribeLaunchTemplatesPaginator(h.ec2, &ec2.DescribeLaunchTemplatesInput{MaxResults: aws.Int32(3)})
	total, pages := 0, 0
	for p.HasMorePages() {
		total += len(must[*ec2.DescribeLaunchTemplatesOutput](t)(p.NextPage(ctx)).LaunchTemplates)
		pages++
	}
	if total != 7 || pages != 3 {
		t.Fatalf("%d templates in %d pages", total, pages)
	}
}
