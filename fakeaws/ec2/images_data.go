package ec2

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"
)

// The public AMI catalogue: the distributions kOps builds nodes from, two
// releases each, for amd64 and arm64, with the owners, names and root
// devices their publishers use. Every region has the same images under
// IDs derived from the region and the name, as AWS gives each region its
// own copy.

// Publishers' account IDs.
const (
	ownerCanonical = "099720109477"
	ownerDebian    = "136693071363"
	ownerAmazon    = "137112412989"
	ownerFlatcar   = "075585003325"
)

type amiSpec struct {
	owner, alias, name, description string
	arch                            string // x86_64 | arm64
	rootDevice, volumeType          string
	created                         time.Time
	bootMode, imds                  string
}

func date(s string) time.Time {
	t, err := time.Parse("20060102", s)
	if err != nil {
		return time.Time{}
	}
	return t.Add(14 * time.Hour)
}

var archs = []struct{ deb, aws string }{{"amd64", "x86_64"}, {"arm64", "arm64"}}

func ubuntuImages() []amiSpec {
	var out []amiSpec
	for _, rel := range []struct {
		series, version, dir, vol string
		dates                     []string
	}{
		{"jammy", "22.04", "hvm-ssd", "gp2", []string{"20250305", "20250516"}},
		{"jammy", "22.04", "hvm-ssd-gp3", "gp3", []string{"20250305", "20250516"}},
		// 20260714 is the release kOps' stable channel picks (cluster/catalog).
		{"noble", "24.04", "hvm-ssd-gp3", "gp3", []string{"20250305", "20250516", "20260714"}},
	} {
		for _, d := range rel.dates {
			for _, a := range archs {
				out = append(out, amiSpec{
					owner:       ownerCanonical,
					name:        "ubuntu/images/" + rel.dir + "/ubuntu-" + rel.series + "-" + rel.version + "-" + a.deb + "-server-" + d,
					description: "Canonical, Ubuntu, " + rel.version + ", " + a.deb + " " + rel.series + " image",
					arch:        a.aws, rootDevice: "/dev/sda1", volumeType: rel.vol, created: date(d),
					bootMode: "uefi-preferred",
				})
			}
		}
	}
	return out
}

func debianImages() []amiSpec {
	var out []amiSpec
	for _, d := range []string{"20250316-2053", "20250515-2113"} {
		for _, a := range archs {
			out = append(out, amiSpec{
				owner: ownerDebian, name: "debian-12-" + a.deb + "-" + d, description: "Debian 12 (" + d + ")",
				arch: a.aws, rootDevice: "/dev/xvda", volumeType: "gp2", created: date(d[:8]),
			})
		}
	}
	return out
}

func amazonLinuxImages() []amiSpec {
	var out []amiSpec
	for _, v := range []string{"2023.7.20250414.0", "2023.7.20250512.0"} {
		for _, a := range archs {
			boot := "uefi-preferred"
			if a.aws == "arm64" {
				boot = "uefi"
			}
			out = append(out, amiSpec{
				owner: ownerAmazon, alias: "amazon",
				name:        "al2023-ami-" + v + "-kernel-6.1-" + a.aws,
				description: "Amazon Linux 2023 AMI " + v + " " + a.aws + " HVM kernel-6.1",
				arch:        a.aws, rootDevice: "/dev/xvda", volumeType: "gp3", created: date(v[7:15]),
				bootMode: boot, imds: "v2.0",
			})
		}
	}
	return out
}

func flatcarImages() []amiSpec {
	var out []amiSpec
	for _, rel := range []struct{ version, date string }{{"4081.2.1", "20250318"}, {"4152.2.3", "20250520"}} {
		for _, a := range archs {
			name := "Flatcar-stable-" + rel.version + "-hvm"
			if a.aws == "arm64" {
				name = "Flatcar-stable-" + rel.version + "-arm64-hvm"
			}
			out = append(out, amiSpec{
				owner: ownerFlatcar, name: name, description: "Flatcar Container Linux stable " + rel.version + " (HVM)",
				arch: a.aws, rootDevice: "/dev/xvda", volumeType: "gp2", created: date(rel.date),
			})
		}
	}
	return out
}

var amiSpecs = func() []amiSpec {
	var all []amiSpec
	for _, f := range []func() []amiSpec{ubuntuImages, debianImages, amazonLinuxImages, flatcarImages} {
		all = append(all, f()...)
	}
	return all
}()

// derivedID is prefix-<17 hex> from a hash of the parts: the same in every
// run, different per region.
func derivedID(prefix string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return prefix + "-" + hex.EncodeToString(h[:])[:17]
}

// publicImages is the catalogue of a region, sorted by image ID.
func publicImages(region string) []imageXML {
	out := make([]imageXML, 0, len(amiSpecs))
	for _, a := range amiSpecs {
		out = append(out, a.image(region))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ImageID < out[j].ImageID })
	return out
}

func (a amiSpec) image(region string) imageXML {
	location := a.owner + "/" + a.name
	if a.alias != "" {
		location = a.alias + "/" + a.name
	}
	return imageXML{
		ImageID:        derivedID("ami", region, a.owner, a.name),
		ImageLocation:  location,
		ImageState:     "available",
		OwnerID:        a.owner,
		OwnerAlias:     a.alias,
		CreationDate:   timestamp(a.created),
		IsPublic:       true,
		Architecture:   a.arch,
		ImageType:      "machine",
		Name:           a.name,
		Description:    a.description,
		RootDeviceType: "ebs",
		RootDeviceName: a.rootDevice,
		BlockDevices: itemsOf([]blockDeviceXML{{
			DeviceName: a.rootDevice,
			EBS: &ebsXML{
				DeleteOnTermination: true, SnapshotID: derivedID("snap", region, a.owner, a.name),
				VolumeSize: 8, VolumeType: a.volumeType, Encrypted: false,
			},
		}}),
		VirtualizationType: "hvm",
		Hypervisor:         "xen",
		ENASupport:         true,
		SriovNetSupport:    "simple",
		PlatformDetails:    "Linux/UNIX",
		UsageOperation:     "RunInstances",
		BootMode:           a.bootMode,
		ImdsSupport:        a.imds,
		DeprecationTime:    timestamp(a.created.AddDate(2, 0, 0)),
		Tags:               tagSet(nil),
	}
}
