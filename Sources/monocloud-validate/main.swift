import MonoCloudBackend
import MonoCloudURLSession

print("monocloud-validate: not yet implemented")
