package ec2_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func TestDescribeRegions(t *testing.T) {
	h := start(t, fakeec2.Config{})
	out := must[*ec2.DescribeRegionsOutput](t)(h.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{}))
	if len(out.Regions) != 17 {
		t.Fatalf("%d enabled regions, want the 17 that need no opt-in", len(out.Regions))
	}
	for _, r := range out.Regions {
		if aws.ToString(r.Endpoint) != "ec2."+aws.ToString(r.RegionName)+".amazonaws.com" || aws.ToString(r.OptInStatus) != "opt-in-not-required" {
			t.Fatalf("region %+v", r)
		}
	}
	all := must[*ec2.DescribeRegionsOutput](t)(h.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)}))
	optIn := must[*ec2.DescribeRegionsOutput](t)(h.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{
		AllRegions: aws.Bool(true), Filters: []types.Filter{filter("opt-in-status", "not-opted-in")},
	}))
	if len(all.Regions) <= len(out.Regions) || len(optIn.Regions) != len(all.Regions)-len(out.Regions) {
		t.Fatalf("all %d, enabled %d, not opted in %d", len(all.Regions), len(out.Regions), len(optIn.Regions))
	}
	two := must[*ec2.DescribeRegionsOutput](t)(h.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{RegionNames: []string{"eu-west-1", "af-south-1"}}))
	if len(two.Regions) != 2 {
		t.Fatalf("named regions = %+v", two.Regions)
	}
	west := must[*ec2.DescribeRegionsOutput](t)(h.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{Filters: []types.Filter{filter("region-name", "us-west-*")}}))
	if len(west.Regions) != 2 {
		t.Fatalf("us-west-* = %d regions", len(west.Regions))
	}
	_, err := h.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{RegionNames: []string{"moon-1"}})
	wantErr(t, err, "InvalidParameterValue", "")
}

func TestDescribeAvailabilityZones(t *testing.T) {
	h := start(t, fakeec2.Config{})
	want := map[string]string{
		"us-east-1":      "us-east-1a=use1-az6 us-east-1b=use1-az1 us-east-1c=use1-az2 us-east-1d=use1-az4 us-east-1e=use1-az3 us-east-1f=use1-az5",
		"us-east-2":      "us-east-2a=use2-az1 us-east-2b=use2-az2 us-east-2c=use2-az3",
		"us-west-2":      "us-west-2a=usw2-az2 us-west-2b=usw2-az1 us-west-2c=usw2-az3 us-west-2d=usw2-az4",
		"eu-west-1":      "eu-west-1a=euw1-az3 eu-west-1b=euw1-az1 eu-west-1c=euw1-az2",
		"eu-central-1":   "eu-central-1a=euc1-az2 eu-central-1b=euc1-az3 eu-central-1c=euc1-az1",
		"ap-southeast-1": "ap-southeast-1a=apse1-az2 ap-southeast-1b=apse1-az1 ap-southeast-1c=apse1-az3",
	}
	for region, zones := range want {
		t.Run(region, func(t *testing.T) {
			out := must[*ec2.DescribeAvailabilityZonesOutput](t)(h.client(region).DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{}))
			var got []string
			for _, z := range out.AvailabilityZones {
				got = append(got, aws.ToString(z.ZoneName)+"="+aws.ToString(z.ZoneId))
				if aws.ToString(z.RegionName) != region || z.State != types.AvailabilityZoneStateAvailable ||
					aws.ToString(z.ZoneType) != "availability-zone" || aws.ToString(z.GroupName) != region+"-zg-1" ||
					aws.ToString(z.NetworkBorderGroup) != region || z.OptInStatus != types.AvailabilityZoneOptInStatusOptInNotRequired {
					t.Fatalf("zone %+v", z)
				}
			}
			if strings.Join(got, " ") != zones {
				t.Fatalf("zones %s, want %s", strings.Join(got, " "), zones)
			}
		})
	}
	one := must[*ec2.DescribeAvailabilityZonesOutput](t)(h.ec2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{
		Filters: []types.Filter{filter("zone-name", "us-east-1a", "us-east-1c"), filter("state", "available"), filter("region-name", "us-east-1")},
	}))
	if len(one.AvailabilityZones) != 2 || aws.ToString(one.AvailabilityZones[0].GroupLongName) != "US East (N. Virginia) 1" {
		t.Fatalf("filtered zones = %+v", one.AvailabilityZones)
	}
	byID := must[*ec2.DescribeAvailabilityZonesOutput](t)(h.ec2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"use1-az1"}, AllAvailabilityZones: aws.Bool(true)}))
	if len(byID.AvailabilityZones) != 1 || aws.ToString(byID.AvailabilityZones[0].ZoneName) != "us-east-1b" {
		t.Fatalf("use1-az1 = %+v", byID.AvailabilityZones)
	}
	_, err := h.ec2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-west-2a"}})
	wantErr(t, err, "InvalidParameterValue", "us-west-2a")
}

func TestDescribeAccountAttributes(t *testing.T) {
	h := start(t, fakeec2.Config{ElasticIPLimit: 7})
	out := must[*ec2.DescribeAccountAttributesOutput](t)(h.ec2.DescribeAccountAttributes(ctx, &ec2.DescribeAccountAttributesInput{}))
	got := map[string]string{}
	for _, a := range out.AccountAttributes {
		got[aws.ToString(a.AttributeName)] = aws.ToString(a.AttributeValues[0].AttributeValue)
	}
	want := map[string]string{
		"supported-platforms": "VPC", "default-vpc": "none", "max-instances": "20",
		"vpc-max-security-groups-per-interface": "5", "max-elastic-ips": "7", "vpc-max-elastic-ips": "7",
	}
	if len(got) != len(want) {
		t.Fatalf("attributes = %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s = %q, want %q", k, got[k], v)
		}
	}
	one := must[*ec2.DescribeAccountAttributesOutput](t)(h.ec2.DescribeAccountAttributes(ctx, &ec2.DescribeAccountAttributesInput{AttributeNames: []types.AccountAttributeName{"default-vpc"}}))
	if len(one.AccountAttributes) != 1 {
		t.Fatalf("one attribute = %+v", one.AccountAttributes)
	}
	_, err := h.ec2.DescribeAccountAttributes(ctx, &ec2.DescribeAccountAttributesInput{AttributeNames: []types.AccountAttributeName{"colour"}})
	wantErr(t, err, "InvalidParameterValue", "")
}

func TestDescribeInstanceTypes(t *testing.T) {
	h := start(t, fakeec2.Config{})
	out := must[*ec2.DescribeInstanceTypesOutput](t)(h.ec2.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{
		InstanceTypes: []types.InstanceType{"t3.medium", "m6g.large", "c5.9xlarge", "r6i.32xlarge"},
	}))
	got := map[string]types.InstanceTypeInfo{}
	for _, it := range out.InstanceTypes {
		got[string(it.InstanceType)] = it
	}
	for _, tc := range []struct {
		name       string
		vcpus      int32
		mem        int64
		arch       types.ArchitectureType
		net        string
		enis, ipv4 int32
		burstable  bool
	}{
		{"t3.medium", 2, 4096, types.ArchitectureTypeX8664, "Up to 5 Gigabit", 3, 6, true},
		{"m6g.large", 2, 8192, types.ArchitectureTypeArm64, "Up to 10 Gigabit", 3, 10, false},
		{"c5.9xlarge", 36, 73728, types.ArchitectureTypeX8664, "12 Gigabit", 8, 30, false},
		{"r6i.32xlarge", 128, 1048576, types.ArchitectureTypeX8664, "50 Gigabit", 15, 50, false},
	} {
		it, ok := got[tc.name]
		if !ok {
			t.Fatalf("%s missing", tc.name)
		}
		if aws.ToInt32(it.VCpuInfo.DefaultVCpus) != tc.vcpus || aws.ToInt64(it.MemoryInfo.SizeInMiB) != tc.mem ||
			it.ProcessorInfo.SupportedArchitectures[0] != tc.arch || aws.ToString(it.NetworkInfo.NetworkPerformance) != tc.net ||
			aws.ToInt32(it.NetworkInfo.MaximumNetworkInterfaces) != tc.enis || aws.ToInt32(it.NetworkInfo.Ipv4AddressesPerInterface) != tc.ipv4 ||
			aws.ToBool(it.BurstablePerformanceSupported) != tc.burstable || !aws.ToBool(it.CurrentGeneration) ||
			it.EbsInfo.NvmeSupport != types.EbsNvmeSupportRequired || it.Hypervisor != types.InstanceTypeHypervisorNitro {
			t.Fatalf("%s = %+v", tc.name, it)
		}
	}
	_, err := h.ec2.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{InstanceTypes: []types.InstanceType{"t3.huge"}})
	wantErr(t, err, "InvalidInstanceType", "t3.huge")

	// Paging through every arm64 type with the SDK's paginator.
	p := ec2.NewDescribeInstanceTypesPaginator(h.ec2, &ec2.DescribeInstanceTypesInput{
		MaxResults: aws.Int32(5), Filters: []types.Filter{filter("processor-info.supported-architecture", "arm64")},
	})
	var names []string
	for p.HasMorePages() {
		for _, it := range must[*ec2.DescribeInstanceTypesOutput](t)(p.NextPage(ctx)).InstanceTypes {
			names = append(names, string(it.InstanceType))
		}
	}
	if len(names) != 15 || !sort.StringsAreSorted(names) {
		t.Fatalf("arm64 types = %v", names)
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "t4g.") && !strings.HasPrefix(n, "m6g.") {
			t.Fatalf("%s is not arm64", n)
		}
	}
	family := must[*ec2.DescribeInstanceTypesOutput](t)(h.ec2.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{
		Filters: []types.Filter{filter("instance-type", "m7i.*"), filter("vcpu-info.default-vcpus", "2", "4")},
	}))
	if len(family.InstanceTypes) != 2 {
		t.Fatalf("m7i with 2 or 4 vCPUs = %d", len(family.InstanceTypes))
	}
	_, err = h.ec2.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{MaxResults: aws.Int32(101)})
	wantErr(t, err, "InvalidParameterValue", "maxResults")
}

func TestDescribeInstanceTypeOfferings(t *testing.T) {
	h := start(t, fakeec2.Config{})
	offers := func(lt types.LocationType, fs ...types.Filter) []types.InstanceTypeOffering {
		var out []types.InstanceTypeOffering
		p := ec2.NewDescribeInstanceTypeOfferingsPaginator(h.ec2, &ec2.DescribeInstanceTypeOfferingsInput{LocationType: lt, Filters: fs, MaxResults: aws.Int32(100)})
		for p.HasMorePages() {
			out = append(out, must[*ec2.DescribeInstanceTypeOfferingsOutput](t)(p.NextPage(ctx)).InstanceTypeOfferings...)
		}
		return out
	}
	region := offers("")
	types_ := must[*ec2.DescribeInstanceTypesOutput](t)(h.ec2.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{MaxResults: aws.Int32(100)}))
	if len(region) == 0 || region[0].LocationType != types.LocationTypeRegion || aws.ToString(region[0].Location) != "us-east-1" {
		t.Fatalf("region offerings = %+v", region[:1])
	}
	if len(region) < len(types_.InstanceTypes) {
		t.Fatalf("%d region offerings for more than %d types", len(region), len(types_.InstanceTypes))
	}
	m7i := offers(types.LocationTypeAvailabilityZone, filter("instance-type", "m7i.large"))
	var zones []string
	for _, o := range m7i {
		zones = append(zones, aws.ToString(o.Location))
	}
	if strings.Join(zones, ",") != "us-east-1a,us-east-1b,us-east-1c,us-east-1d,us-east-1f" {
		t.Fatalf("m7i.large zones = %v (us-east-1e offers only older families)", zones)
	}
	byID := offers(types.LocationTypeAvailabilityZoneId, filter("instance-type", "t3.micro"), filter("location", "use1-az3"))
	if len(byID) != 1 || byID[0].LocationType != types.LocationTypeAvailabilityZoneId {
		t.Fatalf("t3.micro in use1-az3 = %+v", byID)
	}
}

var reAMI = regexp.MustCompile(`^ami-[0-9a-f]{17}$`)

func TestDescribeImages(t *testing.T) {
	h := start(t, fakeec2.Config{})
	images := func(c *ec2.Client, in *ec2.DescribeImagesInput) []types.Image {
		return must[*ec2.DescribeImagesOutput](t)(c.DescribeImages(ctx, in)).Images
	}
	noble := images(h.ec2, &ec2.DescribeImagesInput{
		Owners: []string{"099720109477"},
		Filters: []types.Filter{
			filter("name", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"),
			filter("architecture", "x86_64"), filter("state", "available"),
		},
	})
	// Three releases: two of 2025 and the one kOps' stable channel picks
	// (cluster/catalog).
	if len(noble) != 3 {
		t.Fatalf("noble amd64 images = %d", len(noble))
	}
	for _, img := range noble {
		if !reAMI.MatchString(aws.ToString(img.ImageId)) || aws.ToString(img.OwnerId) != "099720109477" || aws.ToString(img.RootDeviceName) != "/dev/sda1" ||
			img.RootDeviceType != types.DeviceTypeEbs || img.VirtualizationType != types.VirtualizationTypeHvm || !aws.ToBool(img.Public) ||
			img.BlockDeviceMappings[0].Ebs.VolumeType != types.VolumeTypeGp3 || aws.ToString(img.CreationDate) == "" {
			t.Fatalf("noble image = %+v", img)
		}
	}
	amazon := images(h.ec2, &ec2.DescribeImagesInput{Owners: []string{"amazon"}, Filters: []types.Filter{filter("name", "al2023-ami-2023.*-arm64")}})
	if len(amazon) != 2 || aws.ToString(amazon[0].ImageOwnerAlias) != "amazon" || amazon[0].Architecture != types.ArchitectureValuesArm64 {
		t.Fatalf("AL2023 arm64 = %+v", amazon)
	}
	for _, tc := range []struct {
		name string
		in   ec2.DescribeImagesInput
		want int
	}{
		{"debian", ec2.DescribeImagesInput{Owners: []string{"136693071363"}, Filters: []types.Filter{filter("name", "debian-12-*")}}, 4},
		{"flatcar arm", ec2.DescribeImagesInput{Owners: []string{"075585003325"}, Filters: []types.Filter{filter("architecture", "arm64")}}, 2},
		{"owner-alias", ec2.DescribeImagesInput{Filters: []types.Filter{filter("owner-alias", "amazon")}}, 4},
		{"self", ec2.DescribeImagesInput{Owners: []string{"self"}}, 0},
		{"executable by all", ec2.DescribeImagesInput{ExecutableUsers: []string{"all"}, Filters: []types.Filter{filter("owner-id", "075585003325")}}, 4},
		{"executable by self", ec2.DescribeImagesInput{ExecutableUsers: []string{"self"}}, 0},
		{"jammy gp2", ec2.DescribeImagesInput{Filters: []types.Filter{filter("name", "ubuntu/images/hvm-ssd/*"), filter("block-device-mapping.volume-type", "gp2")}}, 4},
		{"all", ec2.DescribeImagesInput{}, 26},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			if got := images(h.ec2, &in); len(got) != tc.want {
				t.Fatalf("%d images, want %d", len(got), tc.want)
			}
		})
	}
	// Each region has its own IDs for the same images.
	id := aws.ToString(noble[0].ImageId)
	if got := images(h.ec2, &ec2.DescribeImagesInput{ImageIds: []string{id}}); len(got) != 1 || aws.ToString(got[0].Name) != aws.ToString(noble[0].Name) {
		t.Fatalf("by ID = %+v", got)
	}
	_, err := h.client("eu-west-1").DescribeImages(ctx, &ec2.DescribeImagesInput{ImageIds: []string{id}})
	wantErr(t, err, "InvalidAMIID.NotFound", "The image id '["+id+"]' does not exist")
	_, err = h.ec2.DescribeImages(ctx, &ec2.DescribeImagesInput{ImageIds: []string{"ami-12"}})
	wantErr(t, err, "InvalidAMIID.Malformed", `Invalid id: "ami-12" (expecting "ami-...")`)
	_, err = h.ec2.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"someone"}})
	wantErr(t, err, "InvalidUserID.Malformed", "")

	// Paging with the SDK's paginator.
	p := ec2.NewDescribeImagesPaginator(h.ec2, &ec2.DescribeImagesInput{MaxResults: aws.Int32(6)})
	seen := map[string]bool{}
	pages := 0
	for p.HasMorePages() {
		out := must[*ec2.DescribeImagesOutput](t)(p.NextPage(ctx))
		pages++
		for _, img := range out.Images {
			seen[aws.ToString(img.ImageId)] = true
		}
	}
	if len(seen) != 26 || pages != 5 {
		t.Fatalf("paged %d images in %d pages, want 26 in 5", len(seen), pages)
	}
}
