namespace LowRank.IO;

/// <summary>The element types of the IDX format (LeCun et al., the MNIST file format), by their type byte.</summary>
public enum IdxDataType : byte
{
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Short = 0x0B,
    Int = 0x0C,
    Float = 0x0D,
    Double = 0x0E,
}
