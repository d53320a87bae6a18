// random model file (seed 0, #22), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_22 {
	Layer L0 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, G: 2, K: 16, C: 32, R: 1, S: 1, Y: 38, X: 26 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 1, K: 1, C: 1, R: 3, S: 3, Y: 19, X: 22 }
	}
}
