using FFTW: fft  # label: TRIM703 warning
import MPI  # label: TRIM703 warning

function (@main)(args)
    return 0
end
