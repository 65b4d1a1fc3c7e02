package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// createDevices makes the instance's EBS volumes: the image's root
// device, with the launch's mapping of the same name laid over it, and
// the launch's other mappings. They are attached and in use at once.
func (s *Service) createDevices(tx *store.Tx, sc scope, x *instance, img imageXML, spec launchSpec) error {
	type dev struct {
		name      string
		spec      volumeSpec
		encrypted bool
		delete    bool
	}
	var devs []dev
	for _, b := range img.BlockDevices.Item {
		if b.EBS == nil {
			continue
		}
		devs = append(devs, dev{b.DeviceName, volumeSpec{Size: b.EBS.VolumeSize, Type: b.EBS.VolumeType}, b.EBS.Encrypted, b.EBS.DeleteOnTermination})
	}
next:
	for _, b := range spec.BDMs {
		for i := range devs {
			if devs[i].name == b.Device {
				if b.NoDevice {
					devs = append(devs[:i], devs[i+1:]...)
					continue next
				}
				d := &devs[i]
				if b.VolumeSize != 0 {
					d.spec.Size = b.VolumeSize
				}
				if b.VolumeType != "" && b.VolumeType != d.spec.Type {
					d.spec.Type, d.spec.Iops, d.spec.Throughput = b.VolumeType, 0, 0
				}
				d.spec.Iops, d.spec.Throughput = max(d.spec.Iops, b.Iops), max(d.spec.Throughput, b.Throughput)
				if b.Encrypted != nil {
					d.encrypted = *b.Encrypted
				}
				if b.DeleteOnTermination != nil {
					d.delete = *b.DeleteOnTermination
				}
				continue next
			}
		}
		if b.NoDevice {
			continue
		}
		size := b.VolumeSize
		if size == 0 {
			size = 8
		}
		devs = append(devs, dev{b.Device, volumeSpec{Size: size, Type: b.VolumeType, Iops: b.Iops, Throughput: b.Throughput},
			deref(b.Encrypted), b.DeleteOnTermination == nil || *b.DeleteOnTermination})
	}
	zone := zoneInfo{name: x.AZ, id: x.AZID}
	for _, d := range devs {
		if err := d.spec.check(); err != nil {
			return err
		}
		v := s.newVolume(sc, zone, d.spec, d.encrypted, spec.Tags["volume"])
		v.State = volInUse
		v.Attachment = &volumeAttachment{InstanceID: x.ID, Device: d.name, State: attAttached, AttachTime: sc.now, DeleteOnTermination: d.delete}
		if err := volumes.put(tx, sc, v); err != nil {
			return err
		}
		x.Devices = append(x.Devices, blockDevice{Device: d.name, VolumeID: v.ID, DeleteOnTermination: d.delete, AttachTime: sc.now})
	}
	return nil
}
